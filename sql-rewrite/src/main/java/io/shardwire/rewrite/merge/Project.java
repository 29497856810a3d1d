package io.shardwire.rewrite.merge;

import java.util.Arrays;
import java.util.List;

/**
 * Keeps the first {@code visibleColumns} columns. The rewriter appends derived columns the client did not
 * ask for: {@code SELECT name FROM customers ORDER BY created} goes to the shards as
 * {@code SELECT name, created FROM customers ORDER BY created} so that the proxy can merge by
 * {@code created}; this operator strips {@code created} before the client sees the rows.
 *
 * <p>Owned by the session's worker thread.
 */
public final class Project implements RowStream {

    private final RowStream input;
    private final int visibleColumns;
    private boolean closed;

    public Project(RowStream input, int visibleColumns) {
        if (visibleColumns < 1) {
            throw new IllegalArgumentException("a result keeps at least one column, not " + visibleColumns);
        }
        this.input = input;
        this.visibleColumns = visibleColumns;
    }

    @Override
    public List<ColumnInfo> columns() {
        List<ColumnInfo> all = input.columns();
        if (visibleColumns > all.size()) {
            throw new MergeException("cannot keep " + visibleColumns + " columns of rows that have " + all.size());
        }
        return List.copyOf(all.subList(0, visibleColumns));
    }

    @Override
    public byte[][] next() {
        byte[][] row = closed ? null : input.next();
        if (row == null) {
            close();
            return null;
        }
        return row.length == visibleColumns ? row : Arrays.copyOf(row, visibleColumns);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            input.close();
        }
    }
}
