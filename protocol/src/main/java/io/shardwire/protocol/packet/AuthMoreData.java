package io.shardwire.protocol.packet;

import io.netty.buffer.ByteBuf;

/**
 * MySQL "Protocol::AuthMoreData": plugin-specific bytes during authentication. caching_sha2_password sends
 * 0x03 (fast auth succeeded), 0x04 (send the full password) or the PEM public key this way.
 */
public record AuthMoreData(byte[] data) {
    public static final byte FAST_AUTH_SUCCESS = 0x03;
    public static final byte PERFORM_FULL_AUTHENTICATION = 0x04;

    public void writeTo(ByteBuf out) {
        out.writeByte(0x01);
        out.writeBytes(data);
    }
}
