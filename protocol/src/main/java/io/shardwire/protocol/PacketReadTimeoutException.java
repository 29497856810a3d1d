package io.shardwire.protocol;

import io.netty.handler.codec.DecoderException;

/** A client started a packet and sent no more of it for the read timeout (MySQL's net_read_timeout). */
public final class PacketReadTimeoutException extends DecoderException {
    private static final long serialVersionUID = 1L;

    public PacketReadTimeoutException(long waitedMillis, long buffered) {
        super("no byte of a half-sent packet for " + waitedMillis + " ms (" + buffered + " bytes of it buffered)");
    }
}
