package io.shardwire.protocol.binary;

import io.netty.buffer.ByteBuf;
import io.shardwire.protocol.ColumnType;
import io.shardwire.protocol.MalformedPacketException;
import io.shardwire.protocol.Wire;
import io.shardwire.protocol.binary.BinaryValue.BytesValue;
import io.shardwire.protocol.binary.BinaryValue.DateTimeValue;
import io.shardwire.protocol.binary.BinaryValue.DoubleValue;
import io.shardwire.protocol.binary.BinaryValue.FloatValue;
import io.shardwire.protocol.binary.BinaryValue.IntegerValue;
import io.shardwire.protocol.binary.BinaryValue.NullValue;
import io.shardwire.protocol.binary.BinaryValue.TimeValue;

/**
 * Reads and writes single values of the binary protocol (MySQL "Binary Protocol Value"): integers
 * little-endian in the width of their type, FLOAT and DOUBLE as IEEE 754, temporal values as a length byte
 * followed by only as many fields as are non-zero, everything else as a length-encoded string.
 */
public final class BinaryCodec {
    private static final NullValue NULL = new NullValue();

    private BinaryCodec() {
    }

    /** The wire encoding a column or parameter type uses. */
    enum Layout { INT8, INT16, INT32, INT64, FLOAT, DOUBLE, DATETIME, TIME, BYTES, NONE }

    static Layout layoutOf(int type) {
        return switch (type) {
            case ColumnType.TINY -> Layout.INT8;
            case ColumnType.SHORT, ColumnType.YEAR -> Layout.INT16;
            // MEDIUMINT travels in 4 bytes: there is no 3-byte integer in the binary protocol
            case ColumnType.INT24, ColumnType.LONG -> Layout.INT32;
            case ColumnType.LONGLONG -> Layout.INT64;
            case ColumnType.FLOAT -> Layout.FLOAT;
            case ColumnType.DOUBLE -> Layout.DOUBLE;
            case ColumnType.DATE, ColumnType.DATETIME, ColumnType.TIMESTAMP -> Layout.DATETIME;
            case ColumnType.TIME -> Layout.TIME;
            case ColumnType.NULL -> Layout.NONE;
            case ColumnType.DECIMAL, ColumnType.NEWDECIMAL, ColumnType.VARCHAR, ColumnType.BIT, ColumnType.JSON,
                 ColumnType.ENUM, ColumnType.SET, ColumnType.TINY_BLOB, ColumnType.MEDIUM_BLOB,
                 ColumnType.LONG_BLOB, ColumnType.BLOB, ColumnType.VAR_STRING, ColumnType.STRING,
                 ColumnType.GEOMETRY -> Layout.BYTES;
            default -> throw new MalformedPacketException(String.format("type 0x%02X is not a MySQL column type", type));
        };
    }

    /** Throws {@link MalformedPacketException} unless {@code type} is a type code this codec can read. */
    public static void checkType(int type) {
        layoutOf(type);
    }

    /** Reads one non-NULL value of {@code type}. */
    public static BinaryValue read(ByteBuf in, ParameterType type) {
        return switch (layoutOf(type.type())) {
            case INT8 -> {
                Wire.need(in, 1, "1-byte integer");
                yield new IntegerValue(type.unsigned() ? in.readUnsignedByte() : in.readByte(), type.unsigned());
            }
            case INT16 -> {
                Wire.need(in, 2, "2-byte integer");
                yield new IntegerValue(type.unsigned() ? in.readUnsignedShortLE() : in.readShortLE(), type.unsigned());
            }
            case INT32 -> {
                Wire.need(in, 4, "4-byte integer");
                yield new IntegerValue(type.unsigned() ? in.readUnsignedIntLE() : in.readIntLE(), type.unsigned());
            }
            case INT64 -> {
                Wire.need(in, 8, "8-byte integer");
                yield new IntegerValue(in.readLongLE(), type.unsigned());
            }
            case FLOAT -> {
                Wire.need(in, 4, "FLOAT");
                yield new FloatValue(in.readFloatLE());
            }
            case DOUBLE -> {
                Wire.need(in, 8, "DOUBLE");
                yield new DoubleValue(in.readDoubleLE());
            }
            case DATETIME -> readDateTime(in);
            case TIME -> readTime(in);
            case BYTES -> {
                Wire.need(in, 1, "length-encoded value");
                if (in.getUnsignedByte(in.readerIndex()) == Wire.NULL_MARKER) {
                    // NULL is a bit in the NULL bitmap; 0xFB as a length has no meaning here
                    throw new MalformedPacketException("length-encoded value: 0xFB is not a length");
                }
                yield new BytesValue(Wire.readLenencBytes(in));
            }
            case NONE -> NULL;
        };
    }

    /** Writes one non-NULL value in the encoding of column {@code type}. */
    public static void write(ByteBuf out, int type, BinaryValue value) {
        Layout layout = layoutOf(type);
        switch (value) {
            case IntegerValue v when layout == Layout.INT8 -> out.writeByte((int) v.value());
            case IntegerValue v when layout == Layout.INT16 -> out.writeShortLE((int) v.value());
            case IntegerValue v when layout == Layout.INT32 -> out.writeIntLE((int) v.value());
            case IntegerValue v when layout == Layout.INT64 -> out.writeLongLE(v.value());
            case FloatValue v when layout == Layout.FLOAT -> out.writeFloatLE(v.value());
            case DoubleValue v when layout == Layout.DOUBLE -> out.writeDoubleLE(v.value());
            case DateTimeValue v when layout == Layout.DATETIME -> writeDateTime(out, v);
            case TimeValue v when layout == Layout.TIME -> writeTime(out, v);
            case BytesValue v when layout == Layout.BYTES -> Wire.writeLenencBytes(out, v.bytes());
            case NullValue v when layout == Layout.NONE -> { }
            default -> throw new IllegalArgumentException(String.format("%s cannot be written as type 0x%02X", value, type));
        }
    }

    /** MySQL "MYSQL_TIME" for DATE/DATETIME/TIMESTAMP: length 0, 4 (date), 7 (+ time) or 11 (+ microseconds). */
    private static DateTimeValue readDateTime(ByteBuf in) {
        Wire.need(in, 1, "DATETIME length");
        int length = in.readUnsignedByte();
        if (length != 0 && length != 4 && length != 7 && length != 11) {
            throw new MalformedPacketException("DATETIME: length " + length + " (expected: 0, 4, 7 or 11)");
        }
        Wire.need(in, length, "DATETIME");
        int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, micros = 0;
        if (length >= 4) {
            year = in.readUnsignedShortLE();
            month = in.readUnsignedByte();
            day = in.readUnsignedByte();
        }
        if (length >= 7) {
            hour = in.readUnsignedByte();
            minute = in.readUnsignedByte();
            second = in.readUnsignedByte();
        }
        if (length == 11) {
            micros = (int) in.readUnsignedIntLE();
        }
        return new DateTimeValue(year, month, day, hour, minute, second, micros);
    }

    /** The shortest form that holds the value, as MySQL servers send it. */
    private static void writeDateTime(ByteBuf out, DateTimeValue v) {
        int length = v.micros() != 0 ? 11 : v.hour() != 0 || v.minute() != 0 || v.second() != 0 ? 7
                : v.year() != 0 || v.month() != 0 || v.day() != 0 ? 4 : 0;
        out.writeByte(length);
        if (length >= 4) {
            out.writeShortLE(v.year());
            out.writeByte(v.month());
            out.writeByte(v.day());
        }
        if (length >= 7) {
            out.writeByte(v.hour());
            out.writeByte(v.minute());
            out.writeByte(v.second());
        }
        if (length == 11) {
            out.writeIntLE(v.micros());
        }
    }

    /** MySQL "MYSQL_TIME" for TIME: length 0, 8 (sign, days, h, m, s) or 12 (+ microseconds). */
    private static TimeValue readTime(ByteBuf in) {
        Wire.need(in, 1, "TIME length");
        int length = in.readUnsignedByte();
        if (length != 0 && length != 8 && length != 12) {
            throw new MalformedPacketException("TIME: length " + length + " (expected: 0, 8 or 12)");
        }
        Wire.need(in, length, "TIME");
        if (length == 0) {
            return new TimeValue(false, 0, 0, 0, 0, 0);
        }
        boolean negative = in.readUnsignedByte() == 1;
        int days = (int) in.readUnsignedIntLE();
        int hours = in.readUnsignedByte();
        int minutes = in.readUnsignedByte();
        int seconds = in.readUnsignedByte();
        int micros = length == 12 ? (int) in.readUnsignedIntLE() : 0;
        return new TimeValue(negative, days, hours, minutes, seconds, micros);
    }

    private static void writeTime(ByteBuf out, TimeValue v) {
        int length = v.micros() != 0 ? 12 : v.isZero() && !v.negative() ? 0 : 8;
        out.writeByte(length);
        if (length == 0) {
            return;
        }
        out.writeByte(v.negative() ? 1 : 0);
        out.writeIntLE(v.days());
        out.writeByte(v.hours());
        out.writeByte(v.minutes());
        out.writeByte(v.seconds());
        if (length == 12) {
            out.writeIntLE(v.micros());
        }
    }
}
