package io.shardwire.rewrite.pipeline;

import io.shardwire.rewrite.merge.AggregateSpec;
import io.shardwire.rewrite.merge.ColumnInfo;
import io.shardwire.rewrite.merge.Concat;
import io.shardwire.rewrite.merge.Distinct;
import io.shardwire.rewrite.merge.Filter;
import io.shardwire.rewrite.merge.HashAggregate;
import io.shardwire.rewrite.merge.Limit;
import io.shardwire.rewrite.merge.MergeSort;
import io.shardwire.rewrite.merge.OrderedAggregate;
import io.shardwire.rewrite.merge.Project;
import io.shardwire.rewrite.merge.RowStream;
import io.shardwire.rewrite.merge.Sort;
import io.shardwire.rewrite.merge.SortKey;
import io.shardwire.router.plan.MergeSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the operator tree for a scatter SELECT from the rewriter's {@link MergeSpec}:
 * <pre>
 *   shards -> Concat | MergeSort(order)            (no aggregation)
 *          -> MergeSort(group keys) -> OrderedAggregate -> Filter(HAVING) -> Sort(order)   (aggregation)
 *          -> Project(visible columns) -> Distinct -> Limit(offset, count)
 * </pre>
 * Everything streams except {@link Sort} after aggregation and {@link Distinct}, which are bounded.
 */
public final class MergePipeline {
    private MergePipeline() {
    }

    /**
     * @param inputs one stream per shard (owned by the pipeline from now on)
     * @param declaredCollations per column of the shard rows, the column's own collation id when known
     *     (0 = as the backend reported it)
     * @param maxBufferedRows bound for the operators that must buffer (sort after GROUP BY, DISTINCT)
     */
    public static RowStream build(MergeSpec spec, List<RowStream> inputs, List<Integer> declaredCollations,
                                  long maxBufferedRows) {
        return build(spec, inputs, declaredCollations, maxBufferedRows, AggregateSpec.Avg.DEFAULT_DIV_PRECISION_INCREMENT);
    }

    /** @param divPrecisionIncrement the session's {@code div_precision_increment}, which sets AVG's scale */
    public static RowStream build(MergeSpec spec, List<RowStream> inputs, List<Integer> declaredCollations,
                                  long maxBufferedRows, int divPrecisionIncrement) {
        int columnCount = inputs.get(0).columns().size();
        int visible = columnCount - spec.derivedColumns();
        RowStream stream;
        if (spec.aggregation() != null) {
            stream = aggregate(spec, inputs, declaredCollations, columnCount, divPrecisionIncrement);
            if (spec.having() != null) {
                stream = new Filter(stream, new HavingPredicate(spec.having(), stream.columns(), columnCount));
            }
            if (!spec.orderBy().isEmpty()) {
                refuseEnumOrder(inputs.get(0).columns(), spec.orderBy(), columnCount);
            }
            if (!spec.orderBy().isEmpty() && !alreadyOrdered(spec)) {
                stream = new Sort(stream, sortKeys(spec.orderBy(), declaredCollations, columnCount), maxBufferedRows);
            }
        } else if (spec.orderBy().isEmpty()) {
            stream = new Concat(inputs);
        } else {
            refuseEnumOrder(inputs.get(0).columns(), spec.orderBy(), columnCount);
            stream = new MergeSort(inputs, sortKeys(spec.orderBy(), declaredCollations, columnCount));
        }
        if (visible < columnCount) {
            stream = new Project(stream, visible);
        }
        if (spec.distinct()) {
            stream = new Distinct(stream, maxBufferedRows, collations(declaredCollations, visible));
        }
        if (spec.limit() >= 0 || spec.offset() > 0) {
            stream = new Limit(stream, spec.offset(), spec.limit() < 0 ? Long.MAX_VALUE : spec.limit());
        }
        return stream;
    }

    private static RowStream aggregate(MergeSpec spec, List<RowStream> inputs, List<Integer> collations, int columnCount,
                                       int divPrecisionIncrement) {
        MergeSpec.Aggregation aggregation = spec.aggregation();
        List<AggregateSpec> specs = new ArrayList<>();
        for (MergeSpec.AggregateColumn column : aggregation.columns()) {
            int index = column.column().resolve(columnCount);
            int collation = collationOf(collations, index);
            specs.add(switch (column.function()) {
                case GROUP_KEY -> new AggregateSpec.GroupKey(index, collation);
                case COUNT -> new AggregateSpec.Count(index);
                case SUM -> new AggregateSpec.Sum(index);
                case MIN -> new AggregateSpec.Min(index, collation);
                case MAX -> new AggregateSpec.Max(index, collation);
                case AVG -> new AggregateSpec.Avg(index, column.countColumn().resolve(columnCount),
                        inputs.get(0).columns().get(index).name(), divPrecisionIncrement);
                case ANY_VALUE -> new AggregateSpec.AnyValue(index);
            });
        }
        if (aggregation.groupKeys().isEmpty()) {
            return new OrderedAggregate(new Concat(inputs), specs);
        }
        if (anyEnumOrSet(inputs.get(0).columns(), aggregation.groupKeys(), columnCount)) {
            // backends sort ENUM and SET by their definition order, which the rows do not carry: group by
            // value (equal strings are equal members) without relying on the shards' order
            return new HashAggregate(new Concat(inputs), specs, MAX_GROUPS);
        }
        List<SortKey> keys = new ArrayList<>();
        for (MergeSpec.ColumnRef key : aggregation.groupKeys()) {
            int index = key.resolve(columnCount);
            keys.add(new SortKey(index, false, collationOf(collations, index)));
        }
        return new OrderedAggregate(new MergeSort(inputs, keys), specs, keys);
    }

    private static final int ENUM_FLAG = 256;
    private static final int SET_FLAG = 2048;
    private static final long MAX_GROUPS = 1_000_000;

    private static boolean isEnumOrSet(ColumnInfo column) {
        return (column.flags() & (ENUM_FLAG | SET_FLAG)) != 0 || column.type() == 0xF7 || column.type() == 0xF8;
    }

    private static boolean anyEnumOrSet(List<ColumnInfo> columns, List<MergeSpec.ColumnRef> refs, int columnCount) {
        for (MergeSpec.ColumnRef ref : refs) {
            if (isEnumOrSet(columns.get(ref.resolve(columnCount)))) {
                return true;
            }
        }
        return false;
    }

    /** MySQL orders ENUM/SET by definition order, unknown here: refuse rather than return the wrong order. */
    private static void refuseEnumOrder(List<ColumnInfo> columns, List<MergeSpec.SortKey> keys, int columnCount) {
        for (MergeSpec.SortKey key : keys) {
            ColumnInfo column = columns.get(key.column().resolve(columnCount));
            if (isEnumOrSet(column)) {
                throw new io.shardwire.rewrite.merge.MergeException("ORDER BY the ENUM or SET column " + column.name()
                        + " across shards is not supported (MySQL orders it by the definition order); order by"
                        + " CAST(" + column.name() + " AS CHAR) or by another column");
            }
        }
    }

    /** ORDER BY the GROUP BY keys, ascending, in the same order: the aggregate output is already sorted. */
    private static boolean alreadyOrdered(MergeSpec spec) {
        List<MergeSpec.ColumnRef> groups = spec.aggregation().groupKeys();
        List<MergeSpec.SortKey> order = spec.orderBy();
        if (order.size() > groups.size()) {
            return false;
        }
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i).descending() || !order.get(i).column().equals(groups.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static List<SortKey> sortKeys(List<MergeSpec.SortKey> keys, List<Integer> collations, int columnCount) {
        List<SortKey> result = new ArrayList<>();
        for (MergeSpec.SortKey key : keys) {
            int index = key.column().resolve(columnCount);
            result.add(new SortKey(index, key.descending(), collationOf(collations, index)));
        }
        return result;
    }

    private static List<Integer> collations(List<Integer> declared, int visible) {
        List<Integer> result = new ArrayList<>();
        for (int i = 0; i < visible; i++) {
            result.add(collationOf(declared, i));
        }
        return result;
    }

    private static int collationOf(List<Integer> collations, int index) {
        return collations != null && index < collations.size() ? collations.get(index) : 0;
    }
}
