package io.shardwire.rewrite.merge;

import java.util.List;

/**
 * A shard's result from a fixture. It records whether it was closed and how many rows were pulled, and it
 * refuses to be read after close, as a backend stream whose connection went back to the pool must.
 */
final class FixtureStream implements RowStream {

    private final List<ColumnInfo> columns;
    private final List<byte[][]> rows;
    private int pulled;
    private int closes;

    FixtureStream(List<ColumnInfo> columns, List<byte[][]> rows) {
        this.columns = columns;
        this.rows = rows;
    }

    @Override
    public List<ColumnInfo> columns() {
        return columns;
    }

    @Override
    public byte[][] next() {
        if (closes > 0) {
            throw new IllegalStateException("next() on a closed stream");
        }
        return pulled < rows.size() ? rows.get(pulled++).clone() : null;
    }

    @Override
    public void close() {
        closes++;
    }

    boolean closed() {
        return closes > 0;
    }

    int pulled() {
        return pulled;
    }
}
