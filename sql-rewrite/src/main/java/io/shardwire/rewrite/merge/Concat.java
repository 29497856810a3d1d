package io.shardwire.rewrite.merge;

import java.util.List;

/**
 * Returns every row of the first shard, then of the second, and so on: the merge of a scatter query whose
 * order does not matter ({@code SELECT * FROM orders WHERE status = 'open'}) and of {@code UNION ALL}.
 * Each input is closed as soon as it is exhausted, so its backend connection goes back to the pool before
 * the later shards are read. The columns are those of the first input.
 *
 * <p>Owned by the session's worker thread, like every {@link RowStream}.
 */
public final class Concat implements RowStream {

    private final List<RowStream> inputs;
    private int current;
    private boolean closed;

    public Concat(List<RowStream> inputs) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("Concat needs at least one input");
        }
        this.inputs = List.copyOf(inputs);
    }

    @Override
    public List<ColumnInfo> columns() {
        return inputs.get(0).columns();
    }

    @Override
    public byte[][] next() {
        while (!closed && current < inputs.size()) {
            byte[][] row = inputs.get(current).next();
            if (row != null) {
                return row;
            }
            inputs.get(current++).close();
        }
        return null;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            Inputs.closeAll(inputs);
        }
    }
}
