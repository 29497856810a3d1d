package io.shardwire.router.route;

import io.shardwire.shardmap.KeyType;
import io.shardwire.shardmap.ValueType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.Between;
import net.sf.jsqlparser.expression.operators.relational.ComparisonOperator;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.schema.Column;

/**
 * Derives a {@link KeyConstraint} for one table's shard key from a WHERE/ON condition: equality and IN with
 * literals, comparisons and BETWEEN (for range tables), combined through AND/OR and parentheses. Anything
 * it does not understand (NOT, functions of the key, expressions) widens to "every shard".
 */
final class KeyAnalyzer {
    /** Below 2^52 every double is exact to a half, so an integer compared as a double matches itself only. */
    private static final BigDecimal EXACT_DOUBLE_INTEGERS = BigDecimal.valueOf(1L << 52);
    private final TableRef table;
    private final String keyColumn;
    private final KeyType keyType;
    private final boolean onlyTable;
    private final KeyTrace trace;

    /**
     * @param keyType the key column's routing type
     * @param onlyTable the statement names no other table, so an unqualified key column is this table's
     */
    KeyAnalyzer(TableRef table, String keyColumn, KeyType keyType, boolean onlyTable, KeyTrace trace) {
        this.table = table;
        this.keyColumn = keyColumn;
        this.keyType = keyType;
        this.onlyTable = onlyTable;
        this.trace = trace;
    }

    KeyConstraint analyze(Expression e) {
        if (e == null) {
            return KeyConstraint.ANY;
        }
        return switch (e) {
            case AndExpression and -> KeyConstraint.and(analyze(and.getLeftExpression()), analyze(and.getRightExpression()));
            case OrExpression or -> KeyConstraint.or(analyze(or.getLeftExpression()), analyze(or.getRightExpression()));
            case Parenthesis p -> analyze(p.getExpression());
            case ExpressionList<?> list when list.size() == 1 -> analyze(list.get(0));
            case NotExpression n -> KeyConstraint.ANY;
            case EqualsTo eq -> equality(eq);
            case InExpression in -> in(in);
            case Between b -> between(b);
            case ComparisonOperator c -> comparison(c);
            default -> KeyConstraint.ANY;
        };
    }

    private KeyConstraint equality(EqualsTo eq) {
        String value = keyValue(eq.getLeftExpression(), eq.getRightExpression());
        if (value == null) {
            value = keyValue(eq.getRightExpression(), eq.getLeftExpression());
        }
        if (value == null) {
            return KeyConstraint.ANY;
        }
        return value == Literals.NULL ? KeyConstraint.NONE : new KeyConstraint.Values(List.of(value));
    }

    private KeyConstraint in(InExpression in) {
        if (in.isNot() || !isKey(in.getLeftExpression()) || !(in.getRightExpression() instanceof ExpressionList<?> list)) {
            return KeyConstraint.ANY;
        }
        List<String> values = new ArrayList<>();
        for (Object item : list) {
            String value = item instanceof Expression x ? literal(x) : null;
            if (value == null) {
                return KeyConstraint.ANY;
            }
            if (value != Literals.NULL) {
                values.add(value);
            }
        }
        return values.isEmpty() ? KeyConstraint.NONE : new KeyConstraint.Values(values);
    }

    private KeyConstraint between(Between b) {
        if (b.isNot() || !isKey(b.getLeftExpression())) {
            return KeyConstraint.ANY;
        }
        String low = literal(b.getBetweenExpressionStart());
        String high = literal(b.getBetweenExpressionEnd());
        if (low == null || high == null || low == Literals.NULL || high == Literals.NULL) {
            return KeyConstraint.ANY;
        }
        return new KeyConstraint.Range(low, true, high, true);
    }

    private KeyConstraint comparison(ComparisonOperator c) {
        boolean keyLeft = isKey(c.getLeftExpression());
        boolean keyRight = isKey(c.getRightExpression());
        if (keyLeft == keyRight) {
            return KeyConstraint.ANY;
        }
        String value = literal(keyLeft ? c.getRightExpression() : c.getLeftExpression());
        if (value == null) {
            return KeyConstraint.ANY;
        }
        if ("<=>".equals(c.getStringExpression())) {
            // NULL-safe equality: key <=> NULL matches the rows whose key is NULL, which live anywhere
            return value == Literals.NULL ? KeyConstraint.ANY : new KeyConstraint.Values(List.of(value));
        }
        if (value == Literals.NULL) {
            return KeyConstraint.NONE;
        }
        // normalise to "key OP value"
        boolean greater = c instanceof GreaterThan || c instanceof GreaterThanEquals;
        boolean less = c instanceof MinorThan || c instanceof MinorThanEquals;
        if (!greater && !less) {
            return KeyConstraint.ANY;
        }
        boolean inclusive = c instanceof GreaterThanEquals || c instanceof MinorThanEquals;
        boolean lowerBound = keyLeft == greater;
        return lowerBound ? new KeyConstraint.Range(value, inclusive, null, false)
                : new KeyConstraint.Range(null, false, value, inclusive);
    }

    /** The literal compared with the key when {@code maybeKey} is the key column, else null. */
    private String keyValue(Expression maybeKey, Expression other) {
        return isKey(maybeKey) ? literal(other) : null;
    }

    /**
     * The literal's value when comparing it with the key compares values of the key's type, else null. A string
     * key compared with a number or a temporal literal is compared as a number or date on every row
     * ({@code email = 0} matches every e-mail that does not start with a digit), which no hash of the literal
     * can prune.
     */
    private String literal(Expression e) {
        if (keyType.valueType() == ValueType.STRING && !(e instanceof StringValue) && !(e instanceof NullValue)) {
            return null;
        }
        String value = Literals.valueOf(e);
        if (value != null && value != Literals.NULL && comparedAsDouble(e)) {
            trace.valueDependent(); // whether the double is exact depends on the value's magnitude
            if (!exactAsDouble(value)) {
                return null;
            }
        }
        return value;
    }

    /**
     * MySQL compares a number column with a string or an exponent literal ({@code '42'}, {@code 4.2e1}) as
     * doubles (MySQL manual, "Type Conversion in Expression Evaluation"). For an integer key below 2^52 that
     * matches exactly the key the literal rounds to; above it, or for a DECIMAL key, several keys may equal
     * the literal's double.
     */
    private boolean comparedAsDouble(Expression e) {
        Expression literal = e instanceof SignedExpression s ? s.getExpression() : e;
        boolean approximate = literal instanceof StringValue
                || (literal instanceof DoubleValue d && d.toString().toLowerCase(Locale.ROOT).contains("e"));
        return approximate && (keyType.valueType() == ValueType.INTEGER || keyType.valueType() == ValueType.DECIMAL);
    }

    private boolean exactAsDouble(String value) {
        if (keyType.valueType() != ValueType.INTEGER) {
            return false;
        }
        try {
            return new BigDecimal(value.strip()).abs().compareTo(EXACT_DOUBLE_INTEGERS) < 0;
        } catch (NumberFormatException e) {
            return true; // not a number at all: routing asks every shard
        }
    }

    boolean isKey(Expression e) {
        if (!(e instanceof Column c) || !c.getColumnName().replace("`", "").equalsIgnoreCase(keyColumn)) {
            return false;
        }
        String qualifier = c.getTable() == null ? null : c.getTable().getFullyQualifiedName();
        if (qualifier == null || qualifier.isEmpty()) {
            return onlyTable;
        }
        return table.answersTo(qualifier);
    }
}
