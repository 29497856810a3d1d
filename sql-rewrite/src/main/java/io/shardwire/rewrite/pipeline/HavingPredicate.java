package io.shardwire.rewrite.pipeline;

import io.shardwire.rewrite.merge.ColumnInfo;
import io.shardwire.rewrite.merge.ValueComparator;
import io.shardwire.router.plan.MergeSpec;
import java.math.BigDecimal;
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
    private final ValueComparator[] comparators;

    HavingPredicate(MergeSpec.Condition condition, List<ColumnInfo> columns, int columnCount) {
        this.condition = condition;
        this.columns = columns;
        this.columnCount = columnCount;
        this.comparators = new ValueComparator[columns.size()];
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

    /**
     * Numbers compare as numbers whatever their types ({@code COUNT(*) > 10.5}); other values as the
     * column's type and collation order them.
     */
    private int compareValue(int index, byte[] value, String literal) {
        if (isNumeric(columns.get(index).type())) {
            try {
                return new BigDecimal(new String(value, StandardCharsets.US_ASCII).strip())
                        .compareTo(new BigDecimal(literal.strip()));
            } catch (NumberFormatException e) {
                // not a plain number (a double like 1e300 or a non-numeric literal): compare as doubles
                return Double.compare(parse(new String(value, StandardCharsets.US_ASCII)), parse(literal));
            }
        }
        if (comparators[index] == null) {
            comparators[index] = ValueComparator.forColumn(columns.get(index));
        }
        return comparators[index].compare(value, literal.getBytes(StandardCharsets.UTF_8));
    }

    private static double parse(String text) {
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            return 0; // MySQL reads a non-numeric string as 0 in a numeric comparison
        }
    }

    private static boolean isNumeric(int type) {
        return switch (type) {
            case 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x08, 0x09, 0x0D, 0xF6 -> true;
            default -> false;
        };
    }

    private Boolean compare(MergeSpec.Condition.Compare compare, byte[][] row) {
        int index = compare.column().resolve(columnCount);
        byte[] value = row[index];
        if (value == null || compare.literal() == null) {
            return null;
        }
        int cmp = compareValue(index, value, compare.literal());
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
