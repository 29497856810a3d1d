package io.shardwire.rewrite.merge;

import java.util.ArrayList;
import java.util.List;

/**
 * Sorts rows in memory, for an ORDER BY the shards cannot do because its values exist only after the
 * merge: {@code SELECT country, COUNT(*) FROM customers GROUP BY country ORDER BY COUNT(*) DESC} sorts the
 * merged counts. The sort is stable (ties keep their input order). It must read every row before returning
 * the first, so it is bounded: past {@code maxRows} rows it fails with a {@link MergeException}.
 *
 * <p>Owned by the session's worker thread.
 */
public final class Sort implements RowStream {

    private final RowStream input;
    private final List<SortKey> keys;
    private final long maxRows;
    private List<byte[][]> sorted;
    private int position;
    private boolean closed;

    public Sort(RowStream input, List<SortKey> keys, long maxRows) {
        this.input = input;
        this.keys = List.copyOf(keys);
        this.maxRows = maxRows;
    }

    @Override
    public List<ColumnInfo> columns() {
        return input.columns();
    }

    @Override
    public byte[][] next() {
        if (closed) {
            return null;
        }
        if (sorted == null) {
            sorted = readAndSort();
        }
        if (position == sorted.size()) {
            close();
            return null;
        }
        // Drop each row as it leaves, so the buffer shrinks while the client reads.
        return sorted.set(position++, null);
    }

    private List<byte[][]> readAndSort() {
        RowOrder order = RowOrder.of(keys, columns());
        List<byte[][]> rows = new ArrayList<>();
        for (byte[][] row = input.next(); row != null; row = input.next()) {
            if (rows.size() >= maxRows) {
                close();
                throw new MergeException("ORDER BY after the merge needs more than " + maxRows
                        + " rows in the proxy's memory (limit: " + maxRows + "); raise the limit on rows buffered"
                        + " for a merge, or add a LIMIT or a narrower WHERE");
            }
            rows.add(row);
        }
        input.close();
        rows.sort(order);
        return rows;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            sorted = null;
            input.close();
        }
    }
}
