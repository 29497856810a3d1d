package io.shardwire.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.util.ReferenceCounted;

/**
 * One logical MySQL packet: its sequence id and its whole payload, already reassembled when the sender
 * split it into 16 MiB chunks (MySQL "Protocol Basics: MySQL Packets").
 *
 * <p>The payload is reference counted; whoever receives a {@code Packet} owns it and must release it.
 */
public record Packet(int sequenceId, ByteBuf payload) implements ReferenceCounted {

    @Override public int refCnt() { return payload.refCnt(); }
    @Override public Packet retain() { payload.retain(); return this; }
    @Override public Packet retain(int increment) { payload.retain(increment); return this; }
    @Override public Packet touch() { payload.touch(); return this; }
    @Override public Packet touch(Object hint) { payload.touch(hint); return this; }
    @Override public boolean release() { return payload.release(); }
    @Override public boolean release(int decrement) { return payload.release(decrement); }
}
