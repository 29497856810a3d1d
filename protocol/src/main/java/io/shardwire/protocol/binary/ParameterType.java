package io.shardwire.protocol.binary;

import io.netty.buffer.ByteBuf;

/**
 * A parameter's type as COM_STMT_EXECUTE declares it: a column type code and the unsigned flag (MySQL
 * "COM_STMT_EXECUTE": two bytes per parameter, the type and a flag byte whose bit 0x80 means unsigned).
 */
public record ParameterType(int type, boolean unsigned) {
    private static final int UNSIGNED_FLAG = 0x80;

    static ParameterType read(ByteBuf in) {
        int type = in.readUnsignedByte();
        int flags = in.readUnsignedByte();
        return new ParameterType(type, (flags & UNSIGNED_FLAG) != 0);
    }

    public void writeTo(ByteBuf out) {
        out.writeByte(type);
        out.writeByte(unsigned ? UNSIGNED_FLAG : 0);
    }
}
