package io.shardwire.rewrite.merge;

import java.util.ArrayList;
import java.util.List;

/**
 * Aggregate specs bound to the columns of the partial rows: the output columns, the GROUP BY columns and
 * their comparators, and a factory of per-group accumulators. Shared by {@link HashAggregate} and
 * {@link OrderedAggregate}; immutable.
 */
final class Aggregation {

    private final List<Slot> slots;
    private final List<ColumnInfo> output;
    private final int[] groupColumns;
    private final int[] groupCollations;
    private final ValueComparator[] groupComparators;

    private Aggregation(List<Slot> slots, List<ColumnInfo> output, int[] groupColumns, int[] groupCollations,
            ValueComparator[] groupComparators) {
        this.slots = slots;
        this.output = output;
        this.groupColumns = groupColumns;
        this.groupCollations = groupCollations;
        this.groupComparators = groupComparators;
    }

    static Aggregation bind(List<AggregateSpec> specs, List<ColumnInfo> input) {
        if (specs.isEmpty()) {
            throw new IllegalArgumentException("an aggregate merge needs at least one output column");
        }
        List<Slot> slots = new ArrayList<>();
        List<ColumnInfo> output = new ArrayList<>();
        List<AggregateSpec.GroupKey> keys = new ArrayList<>();
        for (AggregateSpec spec : specs) {
            Slot slot = Slot.bind(spec, input);
            slots.add(slot);
            output.add(slot.output());
            if (spec instanceof AggregateSpec.GroupKey key) {
                keys.add(key);
            }
        }
        int[] columns = new int[keys.size()];
        int[] collations = new int[keys.size()];
        ValueComparator[] comparators = new ValueComparator[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            columns[i] = keys.get(i).column();
            collations[i] = keys.get(i).collationId();
            comparators[i] = ValueComparator.forColumn(input.get(columns[i]), collations[i]);
        }
        return new Aggregation(List.copyOf(slots), List.copyOf(output), columns, collations, comparators);
    }

    List<ColumnInfo> output() {
        return output;
    }

    boolean scalar() {
        return groupColumns.length == 0;
    }

    /** The input order an ordered merge expects when none is given: ascending on the GROUP BY columns. */
    List<SortKey> defaultOrder() {
        return RowOrder.ascendingOn(groupColumns, groupCollations);
    }

    int[] groupColumns() {
        return groupColumns.clone();
    }

    GroupingKey groupOf(byte[][] row) {
        return GroupingKey.of(row, groupColumns, groupComparators);
    }

    boolean sameGroup(byte[][] a, byte[][] b) {
        return RowComparators.equal(a, b, groupColumns, groupComparators);
    }

    Accumulator[] newGroup() {
        Accumulator[] group = new Accumulator[slots.size()];
        for (int i = 0; i < group.length; i++) {
            group[i] = slots.get(i).newAccumulator();
        }
        return group;
    }

    static void add(Accumulator[] group, byte[][] row) {
        for (Accumulator accumulator : group) {
            accumulator.add(row);
        }
    }

    static byte[][] result(Accumulator[] group) {
        byte[][] row = new byte[group.length][];
        for (int i = 0; i < group.length; i++) {
            row[i] = group[i].result();
        }
        return row;
    }

    /**
     * One spec bound to the partial columns: its output column, the comparator of a MIN/MAX and whether its
     * sum is a double, worked out once rather than per group.
     */
    private record Slot(AggregateSpec spec, ColumnInfo output, ValueComparator comparator, boolean floating) {

        static Slot bind(AggregateSpec spec, List<ColumnInfo> input) {
            return switch (spec) {
                case AggregateSpec.GroupKey key -> plain(spec, column(input, key.column(), spec));
                case AggregateSpec.Count count -> plain(spec, column(input, count.column(), spec));
                case AggregateSpec.Sum sum -> {
                    ColumnInfo column = summable(column(input, sum.column(), spec), spec);
                    yield new Slot(spec, column, null, AggregateColumns.floating(column));
                }
                case AggregateSpec.Min min -> extreme(spec, column(input, min.column(), spec), min.collationId());
                case AggregateSpec.Max max -> extreme(spec, column(input, max.column(), spec), max.collationId());
                case AggregateSpec.Avg avg -> {
                    column(input, avg.countColumn(), spec);
                    ColumnInfo sum = summable(column(input, avg.sumColumn(), spec), spec);
                    ColumnInfo result = AggregateColumns.avgFromPartialSum(avg.name(), sum, avg.divPrecisionIncrement());
                    yield new Slot(spec, result, null, AggregateColumns.floating(sum));
                }
                case AggregateSpec.AnyValue any -> plain(spec, column(input, any.column(), spec));
            };
        }

        private static Slot plain(AggregateSpec spec, ColumnInfo column) {
            return new Slot(spec, column, null, false);
        }

        private static Slot extreme(AggregateSpec spec, ColumnInfo column, int collationId) {
            return new Slot(spec, column, ValueComparator.forColumn(column, collationId), false);
        }

        private static ColumnInfo column(List<ColumnInfo> input, int index, AggregateSpec spec) {
            if (index < 0 || index >= input.size()) {
                throw new MergeException(spec + " refers to column " + index + ", but the partial rows have "
                        + input.size() + " columns");
            }
            return input.get(index);
        }

        /** MySQL sums are DECIMAL or DOUBLE; a partial sum of another type means the rewrite went wrong. */
        private static ColumnInfo summable(ColumnInfo column, AggregateSpec spec) {
            FieldType.ValueKind kind = FieldType.of(column.type()).kind();
            if (kind != FieldType.ValueKind.DECIMAL && kind != FieldType.ValueKind.INTEGER
                    && kind != FieldType.ValueKind.FLOATING) {
                throw new MergeException(spec + " needs a numeric partial sum, but column '" + column.name()
                        + "' is of type " + FieldType.of(column.type()));
            }
            return column;
        }

        Accumulator newAccumulator() {
            return switch (spec) {
                case AggregateSpec.GroupKey key -> new Accumulator.First(key.column());
                case AggregateSpec.Count count -> new Accumulator.CountTotal(count.column());
                case AggregateSpec.Sum sum -> floating
                        ? new Accumulator.DoubleTotal(sum.column(), output.decimals())
                        : new Accumulator.DecimalTotal(sum.column(), output.decimals());
                case AggregateSpec.Min min -> new Accumulator.Extreme(min.column(), comparator, -1);
                case AggregateSpec.Max max -> new Accumulator.Extreme(max.column(), comparator, 1);
                case AggregateSpec.Avg avg -> floating
                        ? new Accumulator.DoubleAverage(avg.sumColumn(), avg.countColumn(), output.decimals())
                        : new Accumulator.DecimalAverage(avg.sumColumn(), avg.countColumn(), output.decimals());
                case AggregateSpec.AnyValue any -> new Accumulator.First(any.column());
            };
        }
    }
}
