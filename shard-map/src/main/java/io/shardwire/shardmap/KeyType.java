package io.shardwire.shardmap;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How values of one shard-key column are made canonical (for hashing) and ordered (for ranges).
 *
 * <p>The canonical form is what makes "equal values route equally whatever their literal form":
 * <ul>
 *   <li>{@code INTEGER}: the decimal string of the integer value; {@code 42}, {@code '42'},
 *       {@code 42.0} and {@code '4.2e1'} are all {@code "42"}. A fraction is rounded half away from
 *       zero, as MySQL does when it stores {@code 42.5} into an INT column.</li>
 *   <li>{@code DECIMAL}: the plain decimal string without trailing zeros ({@code 1.50} is {@code "1.5"},
 *       {@code 42.00} is {@code "42"}), so an integer-valued decimal key co-locates with an integer key.</li>
 *   <li>{@code STRING}: trailing spaces removed for PAD SPACE collations; for case-insensitive
 *       collations also case-folded and stripped of accents, because MySQL's and MariaDB's
 *       {@code _ci} collations also ignore accents ({@code 'José' = 'jose'}). This approximates the
 *       collation's equality; values that the collation treats as equal but this folding does not
 *       (for example {@code 'ß'} and {@code 's'} under general_ci) may route to different shards.</li>
 *   <li>{@code DATE}: {@code yyyy-mm-dd}; {@code DATETIME}: {@code yyyy-mm-dd hh:mm:ss[.ffffff]}
 *       without trailing zeros in the fraction. {@code 2026-1-5}, {@code 20260105} and
 *       {@code 2026-01-05T00:00} are accepted.</li>
 * </ul>
 * Byte arrays are read as UTF-8 text. Values that cannot be converted throw
 * {@link IllegalArgumentException} with the offending value in the message.
 *
 * @param caseInsensitive only for STRING: the column's collation ignores case (and accents)
 * @param padSpace only for STRING: the collation ignores trailing spaces (PAD SPACE)
 */
public record KeyType(ValueType valueType, boolean caseInsensitive, boolean padSpace) {

    public static final KeyType INTEGER = new KeyType(ValueType.INTEGER, false, false);
    public static final KeyType DECIMAL = new KeyType(ValueType.DECIMAL, false, false);
    public static final KeyType DATE = new KeyType(ValueType.DATE, false, false);
    public static final KeyType DATETIME = new KeyType(ValueType.DATETIME, false, false);
    /** A string compared byte for byte (a {@code _bin} NO PAD collation, or VARBINARY). */
    public static final KeyType BINARY_STRING = new KeyType(ValueType.STRING, false, false);

    private static final int MAX_DIGITS = 65;
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[ T](\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d{1,6}))?)?)?");
    private static final Pattern COMPACT_DATE_TIME = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})(?:(\\d{2})(\\d{2})(\\d{2}))?");

    public KeyType {
        Objects.requireNonNull(valueType, "valueType");
        if (valueType != ValueType.STRING && (caseInsensitive || padSpace)) {
            throw new IllegalArgumentException("collation flags apply to strings only, not " + valueType);
        }
    }

    /** A string key under a collation with the given properties. */
    public static KeyType string(boolean caseInsensitive, boolean padSpace) {
        return new KeyType(ValueType.STRING, caseInsensitive, padSpace);
    }

    /** The plain type: strings compared byte for byte. */
    public static KeyType of(ValueType valueType) {
        return new KeyType(valueType, false, false);
    }

    /** The canonical text of {@code value} under this type (see the class comment). */
    public String canonical(Object value) {
        Objects.requireNonNull(value, "a NULL key has no canonical form");
        return switch (valueType) {
            case INTEGER -> toInteger(value).toString();
            case DECIMAL -> {
                BigDecimal d = toDecimal(value).stripTrailingZeros();
                yield d.signum() == 0 ? "0" : d.toPlainString();
            }
            case STRING -> toText(value);
            case DATE -> toDateTime(value).toLocalDate().toString();
            case DATETIME -> formatDateTime(toDateTime(value));
        };
    }

    /** The bytes a hash function reads: the UTF-8 encoding of {@link #canonical}. */
    public byte[] canonicalBytes(Object value) {
        return canonical(value).getBytes(StandardCharsets.UTF_8);
    }

    /** Orders two values of this type; both may be any accepted literal form. */
    public int compare(Object a, Object b) {
        return switch (valueType) {
            case INTEGER -> toInteger(a).compareTo(toInteger(b));
            case DECIMAL -> toDecimal(a).compareTo(toDecimal(b));
            case STRING -> compareCodePoints(toText(a), toText(b));
            case DATE -> toDateTime(a).toLocalDate().compareTo(toDateTime(b).toLocalDate());
            case DATETIME -> toDateTime(a).compareTo(toDateTime(b));
        };
    }

    /** True when {@code value} converts to this type. */
    public boolean accepts(Object value) {
        try {
            canonical(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The integer value of {@code value} as an INTEGER key sees it (fractions rounded half away from zero). */
    static BigInteger integerValue(Object value) {
        return toInteger(Objects.requireNonNull(value, "value"));
    }

    private static BigInteger toInteger(Object value) {
        return switch (value) {
            case Long l -> BigInteger.valueOf(l);
            case Integer i -> BigInteger.valueOf(i);
            case Short s -> BigInteger.valueOf(s);
            case Byte b -> BigInteger.valueOf(b);
            case BigInteger b -> b;
            case Boolean b -> b ? BigInteger.ONE : BigInteger.ZERO;
            default -> toDecimal(value).setScale(0, RoundingMode.HALF_UP).toBigIntegerExact();
        };
    }

    private static BigDecimal toDecimal(Object value) {
        BigDecimal d = parseDecimal(value);
        // MySQL's widest DECIMAL has 65 digits; refusing longer values also keeps a literal such as
        // 1e999999999 from expanding into a billion-digit number.
        if (d.precision() - d.scale() > MAX_DIGITS || d.scale() > MAX_DIGITS) {
            throw new IllegalArgumentException("number out of range for a shard key: " + value);
        }
        return d;
    }

    private static BigDecimal parseDecimal(Object value) {
        return switch (value) {
            case BigDecimal d -> d;
            case BigInteger b -> new BigDecimal(b);
            case Long l -> BigDecimal.valueOf(l);
            case Integer i -> BigDecimal.valueOf(i);
            case Short s -> BigDecimal.valueOf(s);
            case Byte b -> BigDecimal.valueOf(b);
            case Boolean b -> b ? BigDecimal.ONE : BigDecimal.ZERO;
            case Double d -> finite(d, value);
            case Float f -> finite(f.doubleValue(), value);
            default -> {
                String text = rawText(value).strip();
                try {
                    yield new BigDecimal(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a number: '" + text + "'");
                }
            }
        };
    }

    private static BigDecimal finite(double d, Object original) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("not a finite number: " + original);
        }
        return BigDecimal.valueOf(d);
    }

    private String toText(Object value) {
        String text = switch (value) {
            case BigDecimal d -> d.toPlainString();
            case Number n -> n.toString();
            default -> rawText(value);
        };
        if (padSpace) {
            text = trimTrailingSpaces(text);
        }
        if (caseInsensitive) {
            String unaccented = COMBINING_MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
            // Upper then lower folds more pairs than lower alone (e.g. 'ß' -> "SS" -> "ss").
            text = unaccented.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        }
        return text;
    }

    private static String trimTrailingSpaces(String text) {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == ' ') {
            end--;
        }
        return text.substring(0, end);
    }

    private static String rawText(Object value) {
        return switch (value) {
            case byte[] bytes -> new String(bytes, StandardCharsets.UTF_8);
            case CharSequence s -> s.toString();
            default -> throw new IllegalArgumentException("unsupported key value type " + value.getClass().getSimpleName());
        };
    }

    private static LocalDateTime toDateTime(Object value) {
        return switch (value) {
            case LocalDateTime dt -> dt;
            case LocalDate d -> d.atStartOfDay();
            case Long l -> parseDateTime(Long.toString(l));
            case Integer i -> parseDateTime(Integer.toString(i));
            default -> parseDateTime(rawText(value).strip());
        };
    }

    private static LocalDateTime parseDateTime(String text) {
        Matcher m = DATE_TIME.matcher(text);
        if (!m.matches()) {
            m = COMPACT_DATE_TIME.matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException("not a date or datetime: '" + text + "'");
            }
        }
        try {
            LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            if (m.group(4) == null) {
                return date.atStartOfDay();
            }
            int seconds = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
            int nanos = m.groupCount() < 7 || m.group(7) == null ? 0 : Integer.parseInt((m.group(7) + "00000000").substring(0, 9));
            return date.atTime(LocalTime.of(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), seconds, nanos));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("not a valid date or datetime: '" + text + "' (" + e.getMessage() + ")");
        }
    }

    private static String formatDateTime(LocalDateTime dt) {
        String base = String.format(Locale.ROOT, "%s %02d:%02d:%02d", dt.toLocalDate(), dt.getHour(), dt.getMinute(), dt.getSecond());
        if (dt.getNano() == 0) {
            return base;
        }
        String fraction = String.format(Locale.ROOT, "%09d", dt.getNano()).replaceFirst("0+$", "");
        return base + "." + fraction;
    }

    private static int compareCodePoints(String a, String b) {
        // String.compareTo orders UTF-16 units, which puts U+E000..U+FFFF after supplementary
        // characters; utf8mb4 binary collations order by code point.
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }
}
