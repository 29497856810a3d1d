package io.shardwire.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Frames the byte stream into {@link Packet}s: a 3-byte little-endian length, a 1-byte sequence id, then the
 * payload. A payload of exactly 0xFFFFFF bytes means "more follows in the next frame" (MySQL "Sending More
 * Than 16Mb"); the chunks are joined into one payload without copying.
 *
 * <p>Bounded three ways: a payload longer than {@code maxPayload} is refused from its header alone (before login a
 * server sets a login-sized limit, after it max_allowed_packet); a packet that must wait for more bytes reserves its
 * length in a {@link PacketBudget} shared by all connections, and is refused when it does not fit; and a packet
 * whose bytes stop coming for the read timeout ends the connection, so a half-sent packet holds nothing forever.
 *
 * <p>Owned by the channel's event loop. After a refusal the decoder discards everything: the connection is about to
 * be closed.
 */
public final class PacketDecoder extends ByteToMessageDecoder {
    public static final int MAX_CHUNK = 0xFFFFFF;
    private static final int HEADER = 4;
    /** Packets waiting for more bytes reserve budget from this size: smaller ones cost less than the bookkeeping. */
    private static final int BUDGETED_FROM = 16 * 1024;

    private enum State { HEADER_OR_CHUNK, FAILED }

    private final PacketBudget budget;
    private final long readTimeoutNanos;
    private long maxPayload;
    private State state = State.HEADER_OR_CHUNK;
    private CompositeByteBuf pending;
    private int pendingSequenceId;
    private long reserved;
    private long lastProgressNanos;
    private ScheduledFuture<?> stallCheck;

    /** @param maxPayload largest reassembled payload accepted ({@code max_allowed_packet}) */
    public PacketDecoder(long maxPayload) {
        this(maxPayload, PacketBudget.unlimited(), 0);
    }

    /**
     * @param budget shared by the connections of one server
     * @param readTimeoutMillis how long a started packet may wait for its next byte; 0 for ever
     */
    public PacketDecoder(long maxPayload, PacketBudget budget, long readTimeoutMillis) {
        this.maxPayload = maxPayload;
        this.budget = budget;
        this.readTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(readTimeoutMillis);
    }

    /** Changes the largest payload accepted from the next packet on (on the event loop), as a login completes. */
    public void maxPayload(long maxPayload) {
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
                reserve(in, soFar + HEADER + length);
                break;
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
            releaseReservation();
            // One packet per call: the handler may replace this decoder on it (an SSL request is followed by the
            // TLS hello, whose first bytes read as a MySQL header of 66 KiB); ByteToMessageDecoder calls again.
            break;
        }
        if (state == State.FAILED) {
            in.skipBytes(in.readableBytes());
        } else if (readTimeoutNanos > 0 && out.isEmpty() && (in.isReadable() || pending != null)) {
            // a packet waits for bytes (after a packet is emitted, the rest is decoded at once: no stall there)
            lastProgressNanos = System.nanoTime();
            if (stallCheck == null) {
                stallCheck = ctx.executor().schedule(() -> checkStall(ctx), readTimeoutNanos, TimeUnit.NANOSECONDS);
            }
        }
    }

    /** Holds budget for a packet that waits for the rest of its bytes; refuses the connection when it cannot. */
    private void reserve(ByteBuf in, long bytes) {
        if (bytes < BUDGETED_FROM || bytes <= reserved) {
            return;
        }
        if (!budget.tryReserve(bytes - reserved)) {
            fail(in);
            throw new PacketBudgetExceededException(bytes, budget);
        }
        reserved = bytes;
    }

    private void releaseReservation() {
        if (reserved > 0) {
            budget.release(reserved);
            reserved = 0;
        }
    }

    /** On the event loop: a started packet that made no progress for the read timeout ends the connection. */
    private void checkStall(ChannelHandlerContext ctx) {
        stallCheck = null;
        ByteBuf buffered = internalBuffer();
        long bufferedBytes = buffered.readableBytes() + (pending == null ? 0 : pending.readableBytes());
        if (state != State.HEADER_OR_CHUNK || bufferedBytes == 0 || ctx.isRemoved()) {
            return;
        }
        long idle = System.nanoTime() - lastProgressNanos;
        if (idle < readTimeoutNanos) {
            stallCheck = ctx.executor().schedule(() -> checkStall(ctx), readTimeoutNanos - idle, TimeUnit.NANOSECONDS);
            return;
        }
        fail(buffered);
        ctx.fireExceptionCaught(new PacketReadTimeoutException(TimeUnit.NANOSECONDS.toMillis(idle), bufferedBytes));
    }

    private void fail(ByteBuf in) {
        state = State.FAILED;
        in.skipBytes(in.readableBytes());
        releasePending();
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        if (stallCheck != null) {
            stallCheck.cancel(false);
            stallCheck = null;
        }
        releasePending();
    }

    private void releasePending() {
        if (pending != null) {
            pending.release();
            pending = null;
        }
        releaseReservation();
    }
}
