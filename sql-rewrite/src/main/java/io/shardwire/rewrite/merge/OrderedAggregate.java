package io.shardwire.rewrite.merge;

import java.util.List;

/**
 * Merges partial aggregates that arrive sorted by the GROUP BY columns, one group at a time: for
 * {@code SELECT customer_id, SUM(total) FROM orders GROUP BY customer_id} every shard returns its groups
 * sorted by {@code customer_id} (MariaDB sorts GROUP BY results), {@link MergeSort} interleaves them, and
 * the rows of one customer from all shards are then adjacent, so a group is finished as soon as a row of
 * the next one arrives. Memory stays at one group however many groups there are.
 *
 * <p>If the input turns out not to be sorted (a row's key sorts before the previous group's: the shards
 * sorted by a collation other than the one the merge compares with), the merge would return a group twice;
 * it fails with a {@link MergeException} instead. Without GROUP BY there is exactly one output row, as in
 * {@link HashAggregate}.
 *
 * <p>Owned by the session's worker thread.
 */
public final class OrderedAggregate implements RowStream {

    private final RowStream input;
    private final List<AggregateSpec> specs;
    private final List<SortKey> inputOrder;
    private Aggregation aggregation;
    private RowOrder order;
    private byte[][] groupFirstRow;
    private Accumulator[] group;
    private boolean exhausted;
    private boolean emptyScalarReturned;
    private boolean closed;

    /** Input sorted ascending by the {@link AggregateSpec.GroupKey} columns, in spec order. */
    public OrderedAggregate(RowStream sortedInput, List<AggregateSpec> specs) {
        this(sortedInput, specs, null);
    }

    /**
     * @param inputOrder the order of the input (it may be {@code GROUP BY a, b ORDER BY b DESC, a}); it must
     *     include every GROUP BY column
     */
    public OrderedAggregate(RowStream sortedInput, List<AggregateSpec> specs, List<SortKey> inputOrder) {
        this.input = sortedInput;
        this.specs = List.copyOf(specs);
        this.inputOrder = inputOrder == null ? null : List.copyOf(inputOrder);
    }

    @Override
    public List<ColumnInfo> columns() {
        return aggregation().output();
    }

    private Aggregation aggregation() {
        if (aggregation == null) {
            aggregation = Aggregation.bind(specs, input.columns());
        }
        return aggregation;
    }

    @Override
    public byte[][] next() {
        if (closed) {
            return null;
        }
        Aggregation bound = aggregation();
        if (order == null) {
            order = RowOrder.of(checkedOrder(bound), input.columns());
        }
        for (byte[][] row = exhausted ? null : input.next(); row != null; row = input.next()) {
            if (group != null && !bound.sameGroup(groupFirstRow, row)) {
                if (order.compare(groupFirstRow, row) > 0) {
                    close();
                    throw new MergeException("the rows for GROUP BY arrived out of order (a group after a larger one),"
                            + " so merging them in order would split groups; the shards sort with another collation"
                            + " than the proxy assumes: declare the column's collation, or merge with a hash aggregate");
                }
                byte[][] finished = Aggregation.result(group);
                startGroup(bound, row);
                return finished;
            }
            if (group == null) {
                startGroup(bound, row);
            } else {
                Aggregation.add(group, row);
            }
        }
        exhausted = true;
        input.close();
        return lastRow(bound);
    }

    private byte[][] lastRow(Aggregation bound) {
        if (group != null) {
            byte[][] finished = Aggregation.result(group);
            group = null;
            groupFirstRow = null;
            emptyScalarReturned = true;
            return finished;
        }
        if (bound.scalar() && !emptyScalarReturned) {
            emptyScalarReturned = true;
            return Aggregation.result(bound.newGroup());
        }
        close();
        return null;
    }

    private void startGroup(Aggregation bound, byte[][] row) {
        group = bound.newGroup();
        groupFirstRow = row;
        Aggregation.add(group, row);
    }

    private List<SortKey> checkedOrder(Aggregation bound) {
        if (inputOrder == null) {
            return bound.defaultOrder();
        }
        for (int column : bound.groupColumns()) {
            if (inputOrder.stream().noneMatch(key -> key.column() == column)) {
                throw new MergeException("an ordered GROUP BY merge needs its input sorted by every GROUP BY column,"
                        + " but column " + column + " is not among the sort keys " + inputOrder);
            }
        }
        return inputOrder;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            group = null;
            groupFirstRow = null;
            input.close();
        }
    }
}
