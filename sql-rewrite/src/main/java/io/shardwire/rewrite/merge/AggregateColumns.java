package io.shardwire.rewrite.merge;

/**
 * The column definitions MariaDB 10.11 reports for {@code COUNT}, {@code SUM} and {@code AVG}, so a merged
 * result announces the same type, decimals and display length as one server would. Verified with
 * {@code mariadb --column-type-info} (see {@code AggregateColumnsTest}):
 *
 * <ul>
 *   <li>COUNT: LONGLONG, length 21, NOT_NULL.</li>
 *   <li>SUM of an integer or DECIMAL column: NEWDECIMAL, the column's decimals, precision
 *       {@code min(p + 22, 65)} ({@code SUM(INT)}: length 33, {@code SUM(DECIMAL(10,2))}: 34).</li>
 *   <li>AVG of an integer or DECIMAL column: NEWDECIMAL, decimals {@code min(d + div_precision_increment,
 *       38)}, precision {@code p + div_precision_increment} ({@code AVG(INT)}: 14,4, length 16).</li>
 *   <li>SUM/AVG of FLOAT or DOUBLE: DOUBLE; decimals 31 (not fixed) stay 31, fixed ones ({@code DOUBLE(10,2)})
 *       are kept by SUM and raised by the increment by AVG; length {@code 23} when not fixed, else
 *       {@code 17 + decimals}, and for AVG at most the column's length + the increment.</li>
 * </ul>
 *
 * Numeric results have collation 63 and the BINARY and NUM flags; a sum or average is signed even of an
 * unsigned column.
 */
public final class AggregateColumns {

    static final int NOT_NULL_FLAG = 1;
    static final int NUM_FLAG = 32768;
    private static final int RESULT_FLAGS = ColumnInfo.BINARY_FLAG | NUM_FLAG;
    private static final int DECIMAL_LONGLONG_DIGITS = 22;
    private static final int DECIMAL_MAX_PRECISION = 65;
    private static final int DECIMAL_MAX_SCALE = 38;

    private AggregateColumns() {
    }

    public static ColumnInfo count(String name) {
        return new ColumnInfo(name, FieldType.LONGLONG.code(), NOT_NULL_FLAG | RESULT_FLAGS,
                ColumnInfo.BINARY_COLLATION, 0, 21);
    }

    /** {@code SUM(argument)}, from the definition of the summed column. */
    public static ColumnInfo sum(String name, ColumnInfo argument) {
        if (floating(argument)) {
            return doubleColumn(name, argument.decimals(), floatLength(argument.decimals()));
        }
        int precision = Math.min(decimalPrecision(argument) + DECIMAL_LONGLONG_DIGITS, DECIMAL_MAX_PRECISION);
        return decimalColumn(name, precision, argument.decimals());
    }

    /** {@code AVG(argument)}, from the definition of the averaged column. */
    public static ColumnInfo avg(String name, ColumnInfo argument, int divPrecisionIncrement) {
        if (floating(argument)) {
            int decimals = avgDoubleDecimals(argument.decimals(), divPrecisionIncrement);
            long length = Math.min(argument.length() + divPrecisionIncrement, floatLength(decimals));
            return doubleColumn(name, decimals, length);
        }
        int decimals = Math.min(argument.decimals() + divPrecisionIncrement, DECIMAL_MAX_SCALE);
        return decimalColumn(name, decimalPrecision(argument) + divPrecisionIncrement, decimals);
    }

    /**
     * {@code AVG(x)} from the definition of the partial {@code SUM(x)} a shard returned, which is all the merge
     * sees. Exact for integer and DECIMAL columns unless the sum's precision reached its cap of 65 (a
     * DECIMAL of precision 43 or more): then the column is taken to be of precision 65, the common
     * {@code DECIMAL(65,30)}. For FLOAT and DOUBLE columns the column's own length is lost, so
     * the length is the largest MariaDB could report (23 for a plain DOUBLE, exact; {@code AVG(FLOAT)} reports
     * 16).
     */
    public static ColumnInfo avgFromPartialSum(String name, ColumnInfo partialSum, int divPrecisionIncrement) {
        if (floating(partialSum)) {
            int decimals = avgDoubleDecimals(partialSum.decimals(), divPrecisionIncrement);
            return doubleColumn(name, decimals, floatLength(decimals));
        }
        int sumPrecision = decimalPrecision(partialSum);
        int argumentPrecision = sumPrecision >= DECIMAL_MAX_PRECISION ? DECIMAL_MAX_PRECISION
                : Math.max(sumPrecision - DECIMAL_LONGLONG_DIGITS, 1);
        int precision = argumentPrecision + divPrecisionIncrement;
        int decimals = Math.min(partialSum.decimals() + divPrecisionIncrement, DECIMAL_MAX_SCALE);
        return decimalColumn(name, precision, decimals);
    }

    static boolean floating(ColumnInfo column) {
        return FieldType.of(column.type()).kind() == FieldType.ValueKind.FLOATING;
    }

    /** The decimals of a double AVG: not fixed (31) stays so; fixed ones grow, at most to 31. */
    static int avgDoubleDecimals(int decimals, int divPrecisionIncrement) {
        return Math.min(decimals + divPrecisionIncrement, DoubleText.NOT_FIXED_DEC);
    }

    /** The digits of a numeric column: its display length less the sign and the decimal point. */
    private static int decimalPrecision(ColumnInfo column) {
        boolean decimal = FieldType.of(column.type()).kind() == FieldType.ValueKind.DECIMAL;
        long precision = column.length() - (column.unsigned() ? 0 : 1) - (decimal && column.decimals() > 0 ? 1 : 0);
        return (int) Math.max(precision, 1);
    }

    /** MariaDB's {@code float_length}: DBL_DIG + 8 without fixed decimals, else DBL_DIG + 2 + decimals. */
    private static long floatLength(int decimals) {
        return decimals >= DoubleText.NOT_FIXED_DEC ? 23 : 17 + decimals;
    }

    private static ColumnInfo decimalColumn(String name, int precision, int decimals) {
        long length = precision + (decimals > 0 ? 1 : 0) + 1;
        return new ColumnInfo(name, FieldType.NEWDECIMAL.code(), RESULT_FLAGS, ColumnInfo.BINARY_COLLATION, decimals, length);
    }

    private static ColumnInfo doubleColumn(String name, int decimals, long length) {
        return new ColumnInfo(name, FieldType.DOUBLE.code(), RESULT_FLAGS, ColumnInfo.BINARY_COLLATION, decimals, length);
    }
}
