package io.shardwire.rewrite.merge;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Prints a DOUBLE the way MariaDB 10.11 prints a computed double ({@code SUM}/{@code AVG} of a FLOAT or
 * DOUBLE column) in the text protocol. Verified against the server (see {@code DoubleTextTest}):
 *
 * <ul>
 *   <li>decimals 31 ({@code NOT_FIXED_DEC}, a plain DOUBLE column): the shortest digits that read back as
 *       the same double, in positional notation while the decimal exponent {@code decpt} (digits before the
 *       point) is between -14 and 15, or when the digits reach past the point; {@code e} notation otherwise,
 *       without a plus sign or leading exponent zeros: {@code 100000000000000}, {@code 1e15},
 *       {@code 1234567890123456.8}, {@code 0.000000000000001}, {@code 1e-16}, {@code 5e-324}; zero
 *       (also negative zero) is {@code 0};</li>
 *   <li>fixed decimals ({@code DOUBLE(10,2)}, or {@code AVG} adding 4 to them): those same shortest digits
 *       padded with zeros when they fit in that many places ({@code 12345678901234567000.00} for the double
 *       12345678901234567168, {@code 123456789012345.60} for 123456789012345.59375); otherwise the exact
 *       binary value rounded half-even: {@code AVG} of a {@code DOUBLE(10,0)} whose sum is 1 over 32 rows
 *       prints {@code 0.0312}, where the DECIMAL average prints {@code 0.0313}; a negative value that rounds
 *       to zero keeps its sign ({@code -0.0000}).</li>
 * </ul>
 */
final class DoubleText {

    /** MariaDB's {@code NOT_FIXED_DEC}: the decimals of a double without a fixed scale. */
    static final int NOT_FIXED_DEC = 31;


    private DoubleText() {
    }

    static String format(double value, int decimals) {
        if (!Double.isFinite(value)) {
            throw new MergeException("a merged DOUBLE is out of range (" + value + ")");
        }
        return decimals >= NOT_FIXED_DEC ? shortest(value) : fixed(value, decimals);
    }

    /**
     * MariaDB's {@code my_fcvt}: dtoa mode 5, the shortest digits that read back as the value when they
     * fit in {@code decimals} places ({@code 123456789012345.6} prints {@code 123456789012345.60}, though the
     * double is 123456789012345.59375), else the exact value rounded half-even to {@code decimals} places.
     */
    private static String fixed(double value, int decimals) {
        BigDecimal shortest = value == 0 ? BigDecimal.ZERO : shortestDecimal(Math.abs(value));
        BigDecimal rounded = shortest.scale() <= decimals ? shortest
                : new BigDecimal(Math.abs(value)).setScale(decimals, RoundingMode.HALF_EVEN);
        String digits = rounded.setScale(decimals, RoundingMode.UNNECESSARY).toPlainString();
        return value < 0 ? "-" + digits : digits;
    }

    private static String shortest(double value) {
        if (value == 0) {
            return "0";
        }
        BigDecimal decimal = shortestDecimal(Math.abs(value));
        String digits = decimal.unscaledValue().toString();
        int length = digits.length();
        int decpt = length - decimal.scale();
        StringBuilder out = new StringBuilder(24);
        if (value < 0) {
            out.append('-');
        }
        if (decpt >= -14 && (decpt <= 15 || length > decpt)) {
            if (decpt <= 0) {
                out.append("0.").repeat('0', -decpt).append(digits);
            } else if (decpt < length) {
                out.append(digits, 0, decpt).append('.').append(digits, decpt, length);
            } else {
                out.append(digits).repeat('0', decpt - length);
            }
        } else {
            out.append(digits.charAt(0));
            if (length > 1) {
                out.append('.').append(digits, 1, length);
            }
            out.append('e').append(decpt - 1);
        }
        return out.toString();
    }

    /**
     * The shortest decimal that reads back as {@code value}. Java's {@link Double#toString} is that, except
     * that where one digit would do it may choose two closer ones ({@code 4.9E-324}); MariaDB's dtoa keeps
     * the one digit ({@code 5e-324}).
     */
    private static BigDecimal shortestDecimal(double value) {
        BigDecimal java = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        if (java.precision() == 2) {
            BigDecimal one = new BigDecimal(value).round(new MathContext(1, RoundingMode.HALF_EVEN));
            if (one.doubleValue() == value) {
                return one.stripTrailingZeros();
            }
        }
        return java;
    }
}
