package io.shardwire.protocol.binary;

import io.shardwire.protocol.MalformedPacketException;
import io.shardwire.protocol.binary.BinaryValue.BytesValue;
import io.shardwire.protocol.binary.BinaryValue.DateTimeValue;
import io.shardwire.protocol.binary.BinaryValue.DoubleValue;
import io.shardwire.protocol.binary.BinaryValue.FloatValue;
import io.shardwire.protocol.binary.BinaryValue.IntegerValue;
import io.shardwire.protocol.binary.BinaryValue.NullValue;
import io.shardwire.protocol.binary.BinaryValue.TimeValue;
import java.nio.charset.StandardCharsets;

/**
 * Reads a value in the text protocol's form (MySQL "Text Resultset Row": every value as the characters the
 * server prints) as a {@link BinaryValue} of its column's type, so that a result that came from a backend
 * as text can be sent to a client as binary rows. Numbers and temporal values are ASCII; the formats are
 * those MySQL and MariaDB print: {@code -12}, {@code 1.5e-7}, {@code 2024-02-29 13:14:15.000123},
 * {@code -838:59:59.5}.
 */
public final class TextValues {
    /** ColumnDefinition flag: the integer column is UNSIGNED. */
    public static final int UNSIGNED_FLAG = 0x20;

    private TextValues() {
    }

    public static BinaryValue toBinary(byte[] text, int type, int columnFlags) {
        return switch (BinaryCodec.layoutOf(type)) {
            case INT8, INT16, INT32, INT64 -> new IntegerValue(parseInteger(text), (columnFlags & UNSIGNED_FLAG) != 0);
            case FLOAT -> new FloatValue(Float.parseFloat(ascii(text)));
            case DOUBLE -> new DoubleValue(Double.parseDouble(ascii(text)));
            case DATETIME -> parseDateTime(text);
            case TIME -> parseTime(text);
            case BYTES -> new BytesValue(text);
            case NONE -> new NullValue();
        };
    }

    /**
     * A decimal integer; values past Long.MAX_VALUE (BIGINT UNSIGNED) wrap to the same 64 bits the binary
     * protocol carries, so one loop serves signed and unsigned columns.
     */
    static long parseInteger(byte[] text) {
        int i = 0;
        boolean negative = false;
        if (text.length > 0 && (text[0] == '-' || text[0] == '+')) {
            negative = text[0] == '-';
            i = 1;
        }
        if (i == text.length) {
            throw malformed("integer", text);
        }
        long value = 0;
        for (; i < text.length; i++) {
            int digit = text[i] - '0';
            if (digit < 0 || digit > 9) {
                throw malformed("integer", text);
            }
            value = value * 10 + digit;
        }
        return negative ? -value : value;
    }

    /** {@code YYYY-MM-DD}, optionally followed by {@code HH:MM:SS} and up to six fractional digits. */
    static DateTimeValue parseDateTime(byte[] text) {
        Cursor c = new Cursor(text, "DATETIME");
        int year = c.number(4);
        c.expect('-');
        int month = c.number(2);
        c.expect('-');
        int day = c.number(2);
        int hour = 0, minute = 0, second = 0, micros = 0;
        if (c.more()) {
            c.expect(' ');
            hour = c.number(2);
            c.expect(':');
            minute = c.number(2);
            c.expect(':');
            second = c.number(2);
            micros = c.fraction();
        }
        c.end();
        return new DateTimeValue(year, month, day, hour, minute, second, micros);
    }

    /** {@code [-]H+:MM:SS[.ffffff]}: hours may exceed 24 (up to 838); they become days and hours. */
    static TimeValue parseTime(byte[] text) {
        Cursor c = new Cursor(text, "TIME");
        boolean negative = c.accept('-');
        int totalHours = c.number(0);
        c.expect(':');
        int minutes = c.number(2);
        c.expect(':');
        int seconds = c.number(2);
        int micros = c.fraction();
        c.end();
        return new TimeValue(negative, totalHours / 24, totalHours % 24, minutes, seconds, micros);
    }

    private static String ascii(byte[] text) {
        return new String(text, StandardCharsets.US_ASCII);
    }

    private static MalformedPacketException malformed(String what, byte[] text) {
        return new MalformedPacketException(what + " value: '" + ascii(text) + "' is not in the text protocol's form");
    }

    /** A position in ASCII text; every method throws on a character it did not expect. */
    private static final class Cursor {
        private final byte[] text;
        private final String what;
        private int pos;

        Cursor(byte[] text, String what) {
            this.text = text;
            this.what = what;
        }

        boolean more() {
            return pos < text.length;
        }

        boolean accept(char c) {
            if (pos < text.length && text[pos] == c) {
                pos++;
                return true;
            }
            return false;
        }

        void expect(char c) {
            if (!accept(c)) {
                throw malformed(what, text);
            }
        }

        /** Exactly {@code digits} digits, or at least one when {@code digits} is 0. */
        int number(int digits) {
            int start = pos;
            int value = 0;
            while (pos < text.length && text[pos] >= '0' && text[pos] <= '9' && (digits == 0 || pos - start < digits)) {
                value = value * 10 + (text[pos] - '0');
                pos++;
            }
            if (pos == start || (digits != 0 && pos - start != digits)) {
                throw malformed(what, text);
            }
            return value;
        }

        /** An optional {@code .} and 1-6 digits, as microseconds. */
        int fraction() {
            if (!accept('.')) {
                return 0;
            }
            int start = pos;
            int micros = number(0);
            int digits = pos - start;
            if (digits > 6) {
                throw malformed(what, text);
            }
            for (int i = digits; i < 6; i++) {
                micros *= 10;
            }
            return micros;
        }

        void end() {
            if (pos != text.length) {
                throw malformed(what, text);
            }
        }
    }
}
