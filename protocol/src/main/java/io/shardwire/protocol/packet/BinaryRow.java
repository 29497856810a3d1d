package io.shardwire.protocol.packet;

import io.netty.buffer.ByteBuf;
import io.shardwire.protocol.ColumnType;
import io.shardwire.protocol.Wire;
import io.shardwire.protocol.binary.BinaryCodec;
import io.shardwire.protocol.binary.TextValues;
import java.util.List;

/**
 * MySQL "Binary Protocol Resultset Row": a 0x00 header, a NULL bitmap whose first two bits are reserved
 * (bit i + 2 is column i), then the non-NULL values in the binary encoding of each column's type. The values
 * come in as the text-protocol bytes a backend sent and are converted by column type.
 */
public final class BinaryRow {
    private static final int BITMAP_OFFSET = 2;

    private BinaryRow() {
    }

    public static void writeTo(ByteBuf out, List<ColumnDefinition> columns, byte[][] textValues) {
        if (textValues.length != columns.size()) {
            throw new IllegalArgumentException("row has " + textValues.length + " values for " + columns.size() + " columns");
        }
        out.writeByte(0x00);
        int bitmapStart = out.writerIndex();
        out.writeZero((columns.size() + 7 + BITMAP_OFFSET) / 8);
        for (int i = 0; i < textValues.length; i++) {
            byte[] text = textValues[i];
            ColumnDefinition column = columns.get(i);
            if (text == null || column.type() == ColumnType.NULL) {
                int bit = i + BITMAP_OFFSET;
                int at = bitmapStart + (bit >> 3);
                out.setByte(at, out.getByte(at) | (1 << (bit & 7)));
            } else if (isBytes(column.type())) {
                // the common case, strings and decimals: the text bytes are already the binary value
                Wire.writeLenencBytes(out, text);
            } else {
                BinaryCodec.write(out, column.type(), TextValues.toBinary(text, column.type(), column.flags()));
            }
        }
    }

    private static boolean isBytes(int type) {
        return switch (type) {
            case ColumnType.TINY, ColumnType.SHORT, ColumnType.YEAR, ColumnType.INT24, ColumnType.LONG,
                 ColumnType.LONGLONG, ColumnType.FLOAT, ColumnType.DOUBLE, ColumnType.DATE, ColumnType.DATETIME,
                 ColumnType.TIMESTAMP, ColumnType.TIME, ColumnType.NULL -> false;
            default -> true;
        };
    }
}
