package io.shardwire.protocol.packet;

import io.netty.buffer.ByteBuf;
import io.shardwire.protocol.MalformedPacketException;
import io.shardwire.protocol.Wire;

/**
 * MySQL "Protocol::ColumnDefinition41": names, the charset/collation id, display length, type, flags and
 * decimals of one result column. The proxy forwards these exactly as the backend reported them.
 */
public record ColumnDefinition(String schema, String table, String orgTable, String name, String orgName,
                               int collationId, long length, int type, int flags, int decimals) {

    public void writeTo(ByteBuf out) {
        Wire.writeLenencString(out, "def");
        Wire.writeLenencString(out, nullToEmpty(schema));
        Wire.writeLenencString(out, nullToEmpty(table));
        Wire.writeLenencString(out, nullToEmpty(orgTable));
        Wire.writeLenencString(out, nullToEmpty(name));
        Wire.writeLenencString(out, nullToEmpty(orgName));
        out.writeByte(0x0C);
        out.writeShortLE(collationId);
        out.writeIntLE((int) length);
        out.writeByte(type);
        out.writeShortLE(flags);
        out.writeByte(decimals);
        out.writeShortLE(0);
    }

    public static ColumnDefinition parse(ByteBuf in) {
        Wire.readLenencString(in);
        String schema = Wire.readLenencString(in);
        String table = Wire.readLenencString(in);
        String orgTable = Wire.readLenencString(in);
        String name = Wire.readLenencString(in);
        String orgName = Wire.readLenencString(in);
        long fixed = Wire.readLenencInt(in);
        if (fixed < 0x0C) {
            throw new MalformedPacketException("column definition: fixed-length part is " + fixed + " (expected: 12)");
        }
        Wire.need(in, 10, "column definition fixed part");
        int collation = in.readUnsignedShortLE();
        long length = in.readUnsignedIntLE();
        int type = in.readUnsignedByte();
        int flags = in.readUnsignedShortLE();
        int decimals = in.readUnsignedByte();
        in.skipBytes(Math.min(2, in.readableBytes()));
        return new ColumnDefinition(schema, table, orgTable, name, orgName, collation, length, type, flags, decimals);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
