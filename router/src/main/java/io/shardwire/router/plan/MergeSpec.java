package io.shardwire.router.plan;

import java.util.List;

/**
 * How the rows of a scatter SELECT's shards become the client's rows, as plain data for the merge
 * operators (sql-rewrite builds them). Column references are {@link ColumnRef}s into the per-shard rows,
 * which may carry derived columns after the visible ones.
 *
 * @param derivedColumns columns appended for sorting/aggregation, stripped before the client sees the rows
 * @param aggregation how to combine partial aggregates, or null when the query does not aggregate
 * @param having conditions on merged rows (after aggregation), or null
 * @param orderBy the order of the final rows (empty: shard order, concatenated)
 * @param distinct remove duplicate rows (over the visible columns)
 * @param offset rows to skip after merging (the shards were asked for offset + limit rows)
 * @param limit rows to return after the offset, or -1 for all
 */
public record MergeSpec(int derivedColumns, Aggregation aggregation, Condition having, List<SortKey> orderBy,
                        boolean distinct, long offset, long limit) {

    public MergeSpec {
        orderBy = List.copyOf(orderBy);
    }

    /** A column of the per-shard rows: by position from the start, or (after a {@code *}) from the end. */
    public record ColumnRef(int index, boolean fromEnd) {
        public int resolve(int columnCount) {
            return fromEnd ? columnCount - index : index;
        }
    }

    /** One ORDER BY key. */
    public record SortKey(ColumnRef column, boolean descending) {
    }

    /** GROUP BY keys (empty: one group, the whole result) and what each column becomes. */
    public record Aggregation(List<ColumnRef> groupKeys, List<AggregateColumn> columns) {
        public Aggregation {
            groupKeys = List.copyOf(groupKeys);
            columns = List.copyOf(columns);
        }
    }

    /**
     * One column of an aggregating query's rows. For AVG, {@code column} holds the partial SUM and
     * {@code countColumn} the partial COUNT the rewriter added; for the others countColumn is null.
     */
    public record AggregateColumn(ColumnRef column, Function function, ColumnRef countColumn) {
    }

    /** How partial values of a column combine across shards. */
    public enum Function { GROUP_KEY, COUNT, SUM, MIN, MAX, AVG, ANY_VALUE }

    /** A HAVING condition the proxy evaluates on merged rows. */
    public sealed interface Condition {
        record And(Condition left, Condition right) implements Condition {
        }

        record Or(Condition left, Condition right) implements Condition {
        }

        record Not(Condition inner) implements Condition {
        }

        /** {@code column OP literal}; op is one of = <> < <= > >=; literal null means NULL. */
        record Compare(ColumnRef column, String op, String literal) implements Condition {
        }
    }
}
