package io.shardwire.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Frames the byte stream into {@link Packet}s: a 3-byte little-endian length, a 1-byte sequence id, then the
 * payload. A payload of exactly 0xFFFFFF bytes means "more follows in the next frame" (MySQL "Sending More
 * Than 16Mb"); the chunks are joined into one payload without copying.
 *
 * <p>Owned by the channel's event loop. After a {@link PacketTooLargeException} the decoder discards
 * everything: the connection is about to be closed.
 */
public final class PacketDecoder extends ByteToMessageDecoder {
    public static final int MAX_CHUNK = 0xFFFFFF;
    private static final int HEADER = 4;

    private enum State { HEADER_OR_CHUNK, FAILED }

    private final long maxPayload;
    private State state = State.HEADER_OR_CHUNK;
    private CompositeByteBuf pending;
    private int pendingSequenceId;

    /** @param maxPayload largest reassembled payload accepted ({@code max_allowed_packet}) */
    public PacketDecoder(long maxPayload) {
        this.maxPayload = maxPayload;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (state == State.HEADER_OR_CHUNK && in.readableBytes() >= HEADER) {
            int start = in.readerIndex();
            int length = in.getUnsignedMediumLE(start);
            int sequenceId = in.getUnsignedByte(start + 3);
            long soFar = pending == null ? 0 : pending.readableBytes();
            if (soFar + length > maxPayload) {
                fail(in);
                throw new PacketTooLargeException(soFar + length, maxPayload);
            }
            if (in.readableBytes() < HEADER + length) {
                return;
            }
            in.skipBytes(HEADER);
            ByteBuf chunk = in.readRetainedSlice(length);
            if (length == MAX_CHUNK) {
                if (pending == null) {
                    pending = ctx.alloc().compositeBuffer(Integer.MAX_VALUE);
                    // The packet carries its first chunk's id, as PacketEncoder and nextSequenceId expect.
                    pendingSequenceId = sequenceId;
                }
                pending.addComponent(true, chunk);
                continue;
            }
            if (pending != null) {
                pending.addComponent(true, chunk);
                out.add(new Packet(pendingSequenceId, pending));
                pending = null;
            } else {
                out.add(new Packet(sequenceId, chunk));
            }
        }
        if (state == State.FAILED) {
            in.skipBytes(in.readableBytes());
        }
    }

    private void fail(ByteBuf in) {
        state = State.FAILED;
        in.skipBytes(in.readableBytes());
        releasePending();
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        releasePending();
    }

    private void releasePending() {
        if (pending != null) {
            pending.release();
            pending = null;
        }
    }
}
