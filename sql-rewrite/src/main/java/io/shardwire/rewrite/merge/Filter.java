package io.shardwire.rewrite.merge;

import java.util.List;
import java.util.function.Predicate;

/**
 * Passes the rows a predicate accepts: for a condition that can only be evaluated after the merge, such
 * as {@code HAVING COUNT(*) > 10} over groups whose counts are summed across shards. The predicate sees
 * the merged row's text-protocol values.
 *
 * <p>Owned by the session's worker thread.
 */
public final class Filter implements RowStream {

    private final RowStream input;
    private final Predicate<byte[][]> predicate;
    private boolean closed;

    public Filter(RowStream input, Predicate<byte[][]> predicate) {
        this.input = input;
        this.predicate = predicate;
    }

    @Override
    public List<ColumnInfo> columns() {
        return input.columns();
    }

    @Override
    public byte[][] next() {
        while (!closed) {
            byte[][] row = input.next();
            if (row == null) {
                close();
            } else if (predicate.test(row)) {
                return row;
            }
        }
        return null;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            input.close();
        }
    }
}
