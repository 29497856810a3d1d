package io.shardwire.protocol;

import io.netty.buffer.ByteBuf;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The MySQL protocol's basic data types (MySQL "Protocol Basics: Integer Types / String Types"):
 * length-encoded integers and strings, NUL-terminated strings. Every reader checks bounds and throws
 * {@link MalformedPacketException} rather than reading past the payload.
 */
public final class Wire {
    /** First byte of a length-encoded NULL in a text row. */
    public static final int NULL_MARKER = 0xFB;

    private Wire() {
    }

    public static void writeLenencInt(ByteBuf out, long value) {
        if (value >= 0 && value < 251) {
            out.writeByte((int) value);
        } else if (value >= 0 && value < (1 << 16)) {
            out.writeByte(0xFC);
            out.writeShortLE((int) value);
        } else if (value >= 0 && value < (1 << 24)) {
            out.writeByte(0xFD);
            out.writeMediumLE((int) value);
        } else {
            out.writeByte(0xFE);
            out.writeLongLE(value);
        }
    }

    public static int lenencIntSize(long value) {
        if (value >= 0 && value < 251) {
            return 1;
        } else if (value >= 0 && value < (1 << 16)) {
            return 3;
        } else if (value >= 0 && value < (1 << 24)) {
            return 4;
        }
        return 9;
    }

    /** Reads a length-encoded integer; 0xFB (NULL) reads as -1. Values above 2^63 come back negative. */
    public static long readLenencInt(ByteBuf in) {
        need(in, 1, "length-encoded integer");
        int first = in.readUnsignedByte();
        return switch (first) {
            case 0xFB -> -1;
            case 0xFC -> { need(in, 2, "2-byte length"); yield in.readUnsignedShortLE(); }
            case 0xFD -> { need(in, 3, "3-byte length"); yield in.readUnsignedMediumLE(); }
            case 0xFE -> { need(in, 8, "8-byte length"); yield in.readLongLE(); }
            case 0xFF -> throw new MalformedPacketException("length-encoded integer: first byte 0xFF is not valid");
            default -> first;
        };
    }

    public static void writeLenencBytes(ByteBuf out, byte[] value) {
        writeLenencInt(out, value.length);
        out.writeBytes(value);
    }

    public static void writeLenencString(ByteBuf out, String value) {
        writeLenencBytes(out, value.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] readLenencBytes(ByteBuf in) {
        need(in, 1, "length-encoded string");
        // Only 0xFB is NULL; an 8-byte length above 2^63 also reads as negative but is garbage.
        if (in.getUnsignedByte(in.readerIndex()) == NULL_MARKER) {
            in.skipBytes(1);
            return null;
        }
        long length = readLenencInt(in);
        need(in, length, "length-encoded string");
        byte[] bytes = new byte[(int) length];
        in.readBytes(bytes);
        return bytes;
    }

    public static String readLenencString(ByteBuf in) {
        byte[] bytes = readLenencBytes(in);
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    public static void writeNulString(ByteBuf out, String value) {
        out.writeBytes(value.getBytes(StandardCharsets.UTF_8));
        out.writeByte(0);
    }

    public static String readNulString(ByteBuf in) {
        return new String(readNulBytes(in), StandardCharsets.UTF_8);
    }

    public static byte[] readNulBytes(ByteBuf in) {
        int end = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) 0);
        if (end < 0) {
            throw new MalformedPacketException("NUL-terminated string: no terminator in the "
                    + in.readableBytes() + " remaining bytes");
        }
        byte[] bytes = new byte[end - in.readerIndex()];
        in.readBytes(bytes);
        in.skipBytes(1);
        return bytes;
    }

    public static String readRestString(ByteBuf in, Charset charset) {
        return in.readCharSequence(in.readableBytes(), charset).toString();
    }

    public static byte[] readRestBytes(ByteBuf in) {
        byte[] bytes = new byte[in.readableBytes()];
        in.readBytes(bytes);
        return bytes;
    }

    public static void need(ByteBuf in, long bytes, String what) {
        if (bytes < 0) {
            // A length read as NULL (-1) or above 2^63; passing it on would make readSlice throw.
            throw new MalformedPacketException(what + ": invalid length " + Long.toUnsignedString(bytes));
        }
        if (in.readableBytes() < bytes) {
            throw new MalformedPacketException(what + ": needs " + bytes + " bytes, " + in.readableBytes() + " left");
        }
    }
}
