package io.shardwire.rewrite.pipeline;

import io.shardwire.rewrite.merge.ColumnInfo;
import io.shardwire.rewrite.merge.ValueComparator;
import io.shardwire.router.plan.MergeSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;

/**
 * Evaluates a HAVING condition on merged rows: comparisons of a column with a literal, compared as MySQL
 * compares values of that column's type, under SQL's three-valued logic (a comparison with NULL is unknown,
 * and unknown rows are dropped).
 */
final class HavingPredicate implements Predicate<byte[][]> {
    private final MergeSpec.Condition condition;
    private final List<ColumnInfo> columns;
    private final int columnCount;

    HavingPredicate(MergeSpec.Condition condition, List<ColumnInfo> columns, int columnCount) {
        this.condition = condition;
        this.columns = columns;
        this.columnCount = columnCount;
    }

    @Override
    public boolean test(byte[][] row) {
        return Boolean.TRUE.equals(evaluate(condition, row));
    }

    /** TRUE, FALSE or null (unknown). */
    private Boolean evaluate(MergeSpec.Condition c, byte[][] row) {
        return switch (c) {
            case MergeSpec.Condition.And and -> {
                Boolean l = evaluate(and.left(), row);
                Boolean r = evaluate(and.right(), row);
                yield Boolean.FALSE.equals(l) || Boolean.FALSE.equals(r) ? Boolean.FALSE : (l == null || r == null ? null : Boolean.TRUE);
            }
            case MergeSpec.Condition.Or or -> {
                Boolean l = evaluate(or.left(), row);
                Boolean r = evaluate(or.right(), row);
                yield Boolean.TRUE.equals(l) || Boolean.TRUE.equals(r) ? Boolean.TRUE : (l == null || r == null ? null : Boolean.FALSE);
            }
            case MergeSpec.Condition.Not not -> {
                Boolean inner = evaluate(not.inner(), row);
                yield inner == null ? null : !inner;
            }
            case MergeSpec.Condition.Compare compare -> compare(compare, row);
        };
    }

    private Boolean compare(MergeSpec.Condition.Compare compare, byte[][] row) {
        int index = compare.column().resolve(columnCount);
        byte[] value = row[index];
        if (value == null || compare.literal() == null) {
            return null;
        }
        int cmp = ValueComparator.forColumn(columns.get(index)).compare(value, compare.literal().getBytes(StandardCharsets.UTF_8));
        return switch (compare.op()) {
            case "=" -> cmp == 0;
            case "<>" -> cmp != 0;
            case "<" -> cmp < 0;
            case "<=" -> cmp <= 0;
            case ">" -> cmp > 0;
            case ">=" -> cmp >= 0;
            default -> throw new IllegalStateException("operator " + compare.op());
        };
    }
}
