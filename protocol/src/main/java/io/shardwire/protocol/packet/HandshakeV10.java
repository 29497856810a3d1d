package io.shardwire.protocol.packet;

import io.netty.buffer.ByteBuf;
import io.shardwire.protocol.Wire;

/**
 * The server's greeting (MySQL "Protocol::HandshakeV10"). The 20-byte auth seed is sent as 8 bytes, then
 * 12 bytes plus a NUL; the capability flags are split in a lower and an upper half.
 */
public record HandshakeV10(String serverVersion, long connectionId, byte[] authSeed, int capabilities,
                           int collationId, int statusFlags, String authPluginName) {

    public HandshakeV10 {
        if (authSeed.length != 20) {
            throw new IllegalArgumentException("auth seed length: " + authSeed.length + " (expected: 20)");
        }
    }

    public void writeTo(ByteBuf out) {
        out.writeByte(10);
        Wire.writeNulString(out, serverVersion);
        out.writeIntLE((int) connectionId);
        out.writeBytes(authSeed, 0, 8);
        out.writeByte(0);
        out.writeShortLE(capabilities & 0xFFFF);
        out.writeByte(collationId);
        out.writeShortLE(statusFlags);
        out.writeShortLE(capabilities >>> 16);
        out.writeByte(authSeed.length + 1);
        out.writeZero(10);
        out.writeBytes(authSeed, 8, 12);
        out.writeByte(0);
        Wire.writeNulString(out, authPluginName);
    }
}
