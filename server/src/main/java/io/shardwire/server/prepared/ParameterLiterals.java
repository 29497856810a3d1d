package io.shardwire.server.prepared;

import io.shardwire.protocol.ColumnType;
import io.shardwire.protocol.binary.BinaryValue;
import io.shardwire.protocol.binary.BinaryValue.BytesValue;
import io.shardwire.protocol.binary.BinaryValue.DateTimeValue;
import io.shardwire.protocol.binary.BinaryValue.DoubleValue;
import io.shardwire.protocol.binary.BinaryValue.FloatValue;
import io.shardwire.protocol.binary.BinaryValue.IntegerValue;
import io.shardwire.protocol.binary.BinaryValue.NullValue;
import io.shardwire.protocol.binary.BinaryValue.TimeValue;
import io.shardwire.protocol.binary.ParameterType;
import io.shardwire.server.error.ProxyError;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Turns a bound parameter into the SQL literal that means the same to MySQL, so a prepared statement can run
 * as text on a pooled connection:
 * <ul>
 *   <li>integers as digits (unsigned ones above 2^63 too); FLOAT and DOUBLE always with an exponent
 *       ({@code 0.1E0}), because {@code 0.1} would be an exact DECIMAL literal and change the result's type;
 *   <li>DECIMAL as its digits (an exact literal, as MySQL treats a DECIMAL parameter);
 *   <li>dates and times as typed literals ({@code TIMESTAMP'2024-01-02 03:04:05.000006'}), which keep their
 *       temporal type in comparisons and select lists; MySQL's zero date as the string it prints;
 *   <li>BLOB, BIT and GEOMETRY parameters, and text that is not valid in the client's character set, as
 *       {@code X'hex'} (a binary string, as those parameters are on MySQL);
 *   <li>other text quoted, in the client's character set: a quote is doubled (valid in every sql_mode) and
 *       a backslash doubled unless the session runs with NO_BACKSLASH_ESCAPES.
 * </ul>
 */
final class ParameterLiterals {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final HexFormat HEX = HexFormat.of();

    private ParameterLiterals() {
    }

    /**
     * @param charset            the client's character set: what its text parameters are encoded in
     * @param noBackslashEscapes the session's sql_mode has NO_BACKSLASH_ESCAPES
     */
    static String render(BinaryValue value, ParameterType type, Charset charset, boolean noBackslashEscapes) {
        return switch (value) {
            case NullValue n -> "NULL";
            case IntegerValue v -> v.asText();
            // the parameter is a float, and MySQL widens it to a double exactly: so does this
            case FloatValue v -> doubleLiteral(v.value());
            case DoubleValue v -> doubleLiteral(v.value());
            case DateTimeValue v -> dateTime(v, type.type());
            case TimeValue v -> time(v);
            case BytesValue v -> bytes(v.bytes(), type.type(), charset, noBackslashEscapes);
        };
    }

    private static String doubleLiteral(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw ProxyError.WRONG_ARGUMENTS.exception("mysqld_stmt_execute", "a DOUBLE parameter is " + d
                    + ", which MySQL cannot store");
        }
        String s = Double.toString(d);
        return s.indexOf('E') >= 0 ? s : s + "E0";
    }

    private static String dateTime(DateTimeValue v, int type) {
        String date = String.format("%04d-%02d-%02d", v.year(), v.month(), v.day());
        if (v.isZero()) {
            // typed literals refuse MySQL's zero date; the string converts to it wherever the session allows it
            return type == ColumnType.DATE ? "'0000-00-00'" : "'0000-00-00 00:00:00'";
        }
        if (type == ColumnType.DATE && !v.hasTime()) {
            return "DATE'" + date + "'";
        }
        String time = String.format("%02d:%02d:%02d", v.hour(), v.minute(), v.second());
        return "TIMESTAMP'" + date + " " + time + fraction(v.micros()) + "'";
    }

    /**
     * As MariaDB reads a binary TIME (sql_prepare.cc, set_param_time): the hours are the hour byte plus 24
     * times the days in unsigned 32-bit arithmetic, more than 838 becomes 838:59:59, and a minute, second or
     * fraction out of range makes the whole value 00:00:00. Well-formed values are unaffected; MariaDB
     * Connector/J sends negative durations with negative fields, and gets the same odd values as directly.
     */
    private static String time(TimeValue v) {
        long hours = (Integer.toUnsignedLong(v.days()) * 24 + v.hours()) & 0xFFFFFFFFL;
        int minutes = v.minutes();
        int seconds = v.seconds();
        long micros = Integer.toUnsignedLong(v.micros());
        if (hours > 838) {
            hours = 838;
            minutes = 59;
            seconds = 59;
        }
        if (minutes > 59 || seconds > 59 || micros > 999_999) {
            return "TIME'00:00:00" + (micros != 0 ? ".000000" : "") + "'";
        }
        return "TIME'" + (v.negative() ? "-" : "") + String.format("%02d:%02d:%02d", hours, minutes, seconds)
                + fraction((int) micros) + "'";
    }

    /** Microseconds as MySQL prints them with six digits; none when zero, so the literal has no fraction. */
    private static String fraction(int micros) {
        return micros == 0 ? "" : String.format(".%06d", micros);
    }

    private static String bytes(byte[] bytes, int type, Charset charset, boolean noBackslashEscapes) {
        switch (type) {
            case ColumnType.DECIMAL, ColumnType.NEWDECIMAL -> {
                String text = new String(bytes, java.nio.charset.StandardCharsets.US_ASCII);
                if (DECIMAL.matcher(text).matches()) {
                    return text;
                }
            }
            case ColumnType.TINY_BLOB, ColumnType.MEDIUM_BLOB, ColumnType.LONG_BLOB, ColumnType.BLOB, ColumnType.BIT,
                 ColumnType.GEOMETRY -> {
                return hex(bytes);
            }
            default -> {
            }
        }
        String text = decode(bytes, charset);
        return text == null ? hex(bytes) : quote(text, noBackslashEscapes);
    }

    private static String hex(byte[] bytes) {
        return "X'" + HEX.formatHex(bytes) + "'";
    }

    /** The text, or null when the bytes are not valid in the charset (the binary charset included). */
    private static String decode(byte[] bytes, Charset charset) {
        if (charset.name().equals("ISO-8859-1")) {
            // MysqlCharsets maps "binary" to ISO-8859-1: every byte decodes, but the bytes are not text
            return null;
        }
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    static String quote(String text, boolean noBackslashEscapes) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('\'');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                out.append("''");
            } else if (c == '\\' && !noBackslashEscapes) {
                out.append("\\\\");
            } else {
                out.append(c);
            }
        }
        return out.append('\'').toString();
    }
}
