package io.shardwire.rewrite.merge;

import java.util.List;

/**
 * Applies {@code LIMIT offset, count} once, at the proxy. For
 * {@code SELECT * FROM orders ORDER BY created LIMIT 100, 10} each shard must return its first 110 rows
 * ({@code LIMIT 110}: any of them may be among the global rows 101-110), the shards are merge-sorted, and
 * this operator skips 100 and returns 10. Once it has returned the last row it closes its input, so the
 * backends stop streaming the rows nobody will read.
 *
 * <p>Owned by the session's worker thread.
 */
public final class Limit implements RowStream {

    private final RowStream input;
    private final long offset;
    private final long count;
    private long skipped;
    private long returned;
    private boolean closed;

    public Limit(RowStream input, long offset, long count) {
        if (offset < 0 || count < 0) {
            throw new IllegalArgumentException("offset and count must not be negative, not " + offset + ", " + count);
        }
        this.input = input;
        this.offset = offset;
        this.count = count;
    }

    @Override
    public List<ColumnInfo> columns() {
        return input.columns();
    }

    @Override
    public byte[][] next() {
        if (count == 0) {
            close();
        }
        while (!closed && skipped < offset) {
            if (input.next() == null) {
                close();
            } else {
                skipped++;
            }
        }
        if (closed || returned >= count) {
            close();
            return null;
        }
        byte[][] row = input.next();
        if (row == null || ++returned == count) {
            close();
        }
        return row;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            input.close();
        }
    }
}
