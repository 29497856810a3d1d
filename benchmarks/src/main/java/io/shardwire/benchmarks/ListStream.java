package io.shardwire.benchmarks;

import io.shardwire.rewrite.merge.ColumnInfo;
import io.shardwire.rewrite.merge.RowStream;
import java.util.List;

/**
 * A shard's result held in memory, for merge benchmarks: the rows are built once and handed out as they are
 * (the merge operators do not write into their input rows), so a benchmark measures the merge, not row making.
 */
final class ListStream implements RowStream {
    private final List<ColumnInfo> columns;
    private final List<byte[][]> rows;
    private int next;

    ListStream(List<ColumnInfo> columns, List<byte[][]> rows) {
        this.columns = columns;
        this.rows = rows;
    }

    @Override
    public List<ColumnInfo> columns() {
        return columns;
    }

    @Override
    public byte[][] next() {
        return next < rows.size() ? rows.get(next++) : null;
    }

    @Override
    public void close() {
        next = rows.size();
    }
}
