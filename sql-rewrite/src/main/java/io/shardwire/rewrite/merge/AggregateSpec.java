package io.shardwire.rewrite.merge;

/**
 * What one output column of an aggregate merge is, in terms of the columns of the shards' partial results.
 * The rewriter turns {@code SELECT country, COUNT(*), SUM(total), AVG(total), MAX(created) FROM orders
 * GROUP BY country} into the per-shard
 * {@code SELECT country, COUNT(*), SUM(total), SUM(total), COUNT(total), MAX(created) ... GROUP BY country},
 * and the merge into {@code [GroupKey(0), Count(1), Sum(2), Avg(3, 4, "AVG(total)"), Max(5)]}: one output
 * column per spec, in spec order. Column indexes are 0-based in the partial rows.
 *
 * <p>COUNT(DISTINCT) and GROUP_CONCAT cannot be combined from partial results and have no spec.
 */
public sealed interface AggregateSpec {

    /**
     * A GROUP BY column: rows whose key columns compare equal form one group, and the first value seen is
     * returned ({@code 'fr'} and {@code 'FR'} are one group under a {@code _ci} collation).
     *
     * @param collationId the column's declared collation if known, else {@link ValueComparator#AS_REPORTED}
     */
    record GroupKey(int column, int collationId) implements AggregateSpec {
        public GroupKey(int column) {
            this(column, ValueComparator.AS_REPORTED);
        }
    }

    /** {@code COUNT(*)} or {@code COUNT(x)}: the sum of the shards' counts; 0 for a group of no rows. */
    record Count(int column) implements AggregateSpec {
    }

    /**
     * {@code SUM(x)}: the sum of the shards' sums, exact (BigDecimal) for the DECIMAL sums of integer and
     * DECIMAL columns, double for the DOUBLE sums of FLOAT and DOUBLE columns; NULL when every partial sum is.
     */
    record Sum(int column) implements AggregateSpec {
    }

    /** {@code MIN(x)}: the least non-NULL partial minimum, compared as MySQL does; NULL when all are. */
    record Min(int column, int collationId) implements AggregateSpec {
        public Min(int column) {
            this(column, ValueComparator.AS_REPORTED);
        }
    }

    /** {@code MAX(x)}: the greatest non-NULL partial maximum; NULL when all are. */
    record Max(int column, int collationId) implements AggregateSpec {
        public Max(int column) {
            this(column, ValueComparator.AS_REPORTED);
        }
    }

    /**
     * {@code AVG(x)}, from the partial {@code SUM(x)} and {@code COUNT(x)} the rewriter sent instead (an
     * average of averages would be wrong): total sum / total count, with MySQL's result type: DECIMAL with
     * {@code divPrecisionIncrement} more decimals than the column (rounded half up) for integer and DECIMAL
     * columns, DOUBLE for FLOAT and DOUBLE ones. NULL when the count is 0.
     *
     * @param name the column name the client sees, such as {@code AVG(total)}
     * @param divPrecisionIncrement the session's {@code div_precision_increment} (default 4)
     */
    record Avg(int sumColumn, int countColumn, String name, int divPrecisionIncrement) implements AggregateSpec {
        public static final int DEFAULT_DIV_PRECISION_INCREMENT = 4;

        public Avg(int sumColumn, int countColumn, String name) {
            this(sumColumn, countColumn, name, DEFAULT_DIV_PRECISION_INCREMENT);
        }
    }

    /**
     * A column that is neither grouped nor aggregated ({@code ANY_VALUE(x)}, or a bare column MariaDB allows
     * without ONLY_FULL_GROUP_BY): the first value seen, NULL included, as the server returns the value of
     * the first row of the group.
     */
    record AnyValue(int column) implements AggregateSpec {
    }
}
