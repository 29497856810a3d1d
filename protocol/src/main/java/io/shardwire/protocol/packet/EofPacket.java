package io.shardwire.protocol.packet;

import io.netty.buffer.ByteBuf;

/** MySQL "EOF_Packet", used only when the client did not ask for DEPRECATE_EOF. */
public record EofPacket(int warnings, int statusFlags) {

    public void writeTo(ByteBuf out) {
        out.writeByte(0xFE);
        out.writeShortLE(warnings);
        out.writeShortLE(statusFlags);
    }
}
