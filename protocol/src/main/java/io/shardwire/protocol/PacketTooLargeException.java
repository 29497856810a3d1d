package io.shardwire.protocol;

import io.netty.handler.codec.DecoderException;

/** A client sent a packet whose payload exceeds {@code max_allowed_packet}; MySQL answers ER_NET_PACKET_TOO_LARGE and closes. */
public final class PacketTooLargeException extends DecoderException {
    private static final long serialVersionUID = 1L;

    public PacketTooLargeException(long length, long max) {
        super("packet length: " + length + " (expected: <= " + max + ")");
    }
}
