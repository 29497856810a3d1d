package io.shardwire.protocol.binary;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One value in the binary protocol's terms (MySQL "Binary Protocol Value"): what a COM_STMT_EXECUTE
 * parameter carries and what a binary result row holds. The column type decides the width on the wire; the
 * value says only what the number, time or bytes are.
 */
public sealed interface BinaryValue {

    /** SQL NULL (on the wire only a bit in the NULL bitmap, or the parameter type NULL). */
    record NullValue() implements BinaryValue {
    }

    /**
     * An integer of any width. For unsigned types {@code value} holds the unsigned bits: a BIGINT UNSIGNED
     * above 2^63 - 1 reads negative here; {@link #toString()} and {@link #asText()} print it correctly.
     */
    record IntegerValue(long value, boolean unsigned) implements BinaryValue {
        public String asText() {
            return unsigned ? Long.toUnsignedString(value) : Long.toString(value);
        }
    }

    /** A FLOAT, exactly the 4-byte IEEE value sent. */
    record FloatValue(float value) implements BinaryValue {
    }

    /** A DOUBLE, exactly the 8-byte IEEE value sent. */
    record DoubleValue(double value) implements BinaryValue {
    }

    /** DATE, DATETIME or TIMESTAMP; all fields zero is MySQL's zero date. */
    record DateTimeValue(int year, int month, int day, int hour, int minute, int second, int micros)
            implements BinaryValue {
        public boolean isZero() {
            return year == 0 && month == 0 && day == 0 && !hasTime();
        }

        public boolean hasTime() {
            return hour != 0 || minute != 0 || second != 0 || micros != 0;
        }
    }

    /** TIME: a signed duration of days, hours (0-23), minutes, seconds and microseconds. */
    record TimeValue(boolean negative, int days, int hours, int minutes, int seconds, int micros)
            implements BinaryValue {
        public boolean isZero() {
            return days == 0 && hours == 0 && minutes == 0 && seconds == 0 && micros == 0;
        }

        /** Hours including the days, as TIME's text form writes them ({@code 838:59:59}). */
        public long totalHours() {
            return days * 24L + hours;
        }
    }

    /** Strings, BLOBs, DECIMAL text, JSON, BIT, ENUM, SET, GEOMETRY: length-encoded bytes. */
    record BytesValue(byte[] bytes) implements BinaryValue {
        @Override
        public boolean equals(Object o) {
            return o instanceof BytesValue other && Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "BytesValue[" + HexFormat.of().formatHex(bytes) + "]";
        }
    }
}
