package io.shardwire.rewrite.merge;

import java.util.List;
import java.util.PriorityQueue;

/**
 * Merges shard results that are each sorted by the same ORDER BY into one sorted stream: for
 * {@code SELECT id, name FROM customers ORDER BY name LIMIT 20} every shard returns its rows sorted by
 * name, and the proxy repeatedly takes the smallest head row of all shards (a k-way merge on a priority
 * queue). It holds one row per shard, never a whole result, so a scatter {@code ORDER BY} over millions of
 * rows runs in bounded memory.
 *
 * <p>Values are compared as MySQL does ({@link ValueComparator}): numbers by value, strings by collation,
 * NULL first ascending. Rows that tie keep the order of the inputs (all tied rows of shard 0, then of
 * shard 1...), so a result is the same on every run. An input is closed when exhausted. The input order
 * is trusted, not checked; an input sorted by another collation merges out of order rather than failing.
 *
 * <p>Relies on each input returning a fresh array per row (it keeps one head row per input). Owned by the
 * session's worker thread.
 */
public final class MergeSort implements RowStream {

    private final List<RowStream> inputs;
    private final List<SortKey> keys;
    private PriorityQueue<Head> heads;
    private int refill = -1;
    private boolean closed;

    public MergeSort(List<RowStream> inputs, List<SortKey> keys) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("MergeSort needs at least one input");
        }
        this.inputs = List.copyOf(inputs);
        this.keys = List.copyOf(keys);
    }

    @Override
    public List<ColumnInfo> columns() {
        return inputs.get(0).columns();
    }

    @Override
    public byte[][] next() {
        if (closed) {
            return null;
        }
        if (heads == null) {
            heads = start();
        }
        // The shard whose row was returned last is read only now, so that a consumer that stops early
        // (a LIMIT) has not made any shard send a row more than needed.
        if (refill >= 0) {
            advance(refill, heads);
            refill = -1;
        }
        Head smallest = heads.poll();
        if (smallest == null) {
            return null;
        }
        refill = smallest.input();
        return smallest.row();
    }

    private PriorityQueue<Head> start() {
        RowOrder order = RowOrder.of(keys, columns());
        PriorityQueue<Head> queue = new PriorityQueue<>(inputs.size(), (a, b) -> {
            int c = order.compare(a.row(), b.row());
            return c != 0 ? c : Integer.compare(a.input(), b.input());
        });
        for (int i = 0; i < inputs.size(); i++) {
            advance(i, queue);
        }
        return queue;
    }

    private void advance(int input, PriorityQueue<Head> queue) {
        byte[][] row = inputs.get(input).next();
        if (row == null) {
            inputs.get(input).close();
        } else {
            queue.add(new Head(row, input));
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            heads = null;
            Inputs.closeAll(inputs);
        }
    }

    private record Head(byte[][] row, int input) {
    }
}
