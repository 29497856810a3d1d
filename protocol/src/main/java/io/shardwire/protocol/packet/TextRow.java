package io.shardwire.protocol.packet;

import io.netty.buffer.ByteBuf;
import io.shardwire.protocol.Wire;

/** MySQL "ProtocolText::ResultsetRow": each value a length-encoded string, NULL as 0xFB. */
public final class TextRow {
    private TextRow() {
    }

    public static void writeValue(ByteBuf out, byte[] value) {
        if (value == null) {
            out.writeByte(Wire.NULL_MARKER);
        } else {
            Wire.writeLenencBytes(out, value);
        }
    }

    public static void writeTo(ByteBuf out, byte[][] values) {
        for (byte[] value : values) {
            writeValue(out, value);
        }
    }
}
