package io.shardwire.protocol;

import io.netty.handler.codec.DecoderException;

/** A packet's bytes did not fit in the shared {@link PacketBudget}: the connection is refused and closed. */
public final class PacketBudgetExceededException extends DecoderException {
    private static final long serialVersionUID = 1L;

    public PacketBudgetExceededException(long length, PacketBudget budget) {
        super("packet length: " + length + " (the buffer for packets in transit holds " + budget.used() + " of "
                + budget.limit() + " bytes)");
    }
}
