package io.shardwire.rewrite.merge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The first {@code limit} rows of an order the shards could not produce, keeping only those in memory:
 * {@code SELECT customer_id, SUM(total) FROM orders GROUP BY customer_id ORDER BY SUM(total) DESC LIMIT 10}
 * needs the ten largest merged sums, not all of them sorted. A heap of {@code limit} rows (the LIMIT's
 * offset + count; apply {@link Limit} on top for the offset) keeps the best rows seen; ties keep their input
 * order, as {@link Sort} does, so {@code TopN(n)} returns the first n rows of {@code Sort}.
 *
 * <p>Owned by the session's worker thread.
 */
public final class TopN implements RowStream {

    private final RowStream input;
    private final List<SortKey> keys;
    private final long limit;
    private List<byte[][]> best;
    private int position;
    private boolean closed;

    public TopN(RowStream input, List<SortKey> keys, long limit) {
        this.input = input;
        this.keys = List.copyOf(keys);
        this.limit = limit;
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
        if (best == null) {
            best = select();
        }
        if (position == best.size()) {
            close();
            return null;
        }
        return best.set(position++, null);
    }

    private List<byte[][]> select() {
        Comparator<Ranked> order = Comparator.<Ranked, byte[][]>comparing(Ranked::row, RowOrder.of(keys, columns()))
                .thenComparingLong(Ranked::arrival);
        // The worst kept row is at the head, to be dropped when a better one arrives.
        PriorityQueue<Ranked> heap = new PriorityQueue<>(order.reversed());
        long arrival = 0;
        for (byte[][] row = limit == 0 ? null : input.next(); row != null; row = input.next()) {
            Ranked ranked = new Ranked(row, arrival++);
            if (heap.size() < limit) {
                heap.add(ranked);
            } else if (order.compare(ranked, heap.peek()) < 0) {
                heap.poll();
                heap.add(ranked);
            }
        }
        input.close();
        List<Ranked> sorted = new ArrayList<>(heap);
        sorted.sort(order);
        List<byte[][]> rows = new ArrayList<>(sorted.size());
        sorted.forEach(r -> rows.add(r.row()));
        return rows;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            best = null;
            input.close();
        }
    }

    private record Ranked(byte[][] row, long arrival) {
    }
}
