package io.shardwire.server.frontend;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.shardwire.protocol.Packet;
import io.shardwire.protocol.PacketEncoder;
import io.shardwire.protocol.packet.ErrPacket;
import io.shardwire.protocol.packet.OkPacket;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The session's view of its client socket: numbers packets with sequence ids, writes them, flushes, and
 * blocks the (virtual) session thread while the socket is not writable, so a slow client slows the backend
 * read instead of filling the heap.
 *
 * <p>Packets are framed (MySQL "MySQL Packets": 3-byte length, sequence id) into one pending buffer on the session
 * thread and handed to Netty in one write at each flush: a write from outside the event loop costs a task on it
 * and a wake-up, and a point select's answer has five packets. A payload of 16 MiB or more, which the protocol
 * splits, goes through the pipeline's {@code PacketEncoder} instead.
 *
 * <p>Owned by the session's worker thread; {@link #writabilityChanged()} is called from the event loop.
 */
public final class ClientChannel {
    private static final int FLUSH_BYTES = 64 * 1024;
    /** The largest payload one frame carries (MySQL "Sending More Than 16Mb"). */
    private static final int MAX_FRAME_PAYLOAD = 0xFFFFFF;

    private final Channel channel;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition writable = lock.newCondition();
    private int sequenceId;
    private int unflushedBytes;
    /** Framed packets not yet handed to Netty; null when there are none. */
    private ByteBuf pending;

    public ClientChannel(Channel channel) {
        this.channel = channel;
    }

    /** A new command starts: its packet had {@code receivedSequenceId} (0 for commands), answers follow it. */
    public void answering(int receivedSequenceId) {
        sequenceId = (receivedSequenceId + 1) & 0xFF;
    }

    /** Writes one packet whose payload {@code payloadWriter} writes, framed in place in the pending buffer. */
    public void write(Consumer<ByteBuf> payloadWriter) {
        ByteBuf buffer = pending();
        int header = buffer.writerIndex();
        buffer.writeInt(0); // length and sequence id, filled in below
        try {
            payloadWriter.accept(buffer);
        } catch (RuntimeException e) {
            buffer.writerIndex(header);
            throw e;
        }
        int length = buffer.writerIndex() - header - 4;
        if (length >= MAX_FRAME_PAYLOAD) {
            ByteBuf payload = buffer.copy(header + 4, length);
            buffer.writerIndex(header);
            writeSplit(payload);
            return;
        }
        frame(buffer, header, length);
    }

    /** Writes an already-filled payload; takes ownership of it. */
    public void writePayload(ByteBuf payload) {
        int length = payload.readableBytes();
        if (length >= MAX_FRAME_PAYLOAD) {
            writeSplit(payload);
            return;
        }
        try {
            ByteBuf buffer = pending();
            int header = buffer.writerIndex();
            buffer.writeInt(0);
            buffer.writeBytes(payload);
            frame(buffer, header, length);
        } finally {
            payload.release();
        }
    }

    private ByteBuf pending() {
        if (pending == null) {
            pending = channel.alloc().ioBuffer(256);
        }
        return pending;
    }

    private void frame(ByteBuf buffer, int header, int length) {
        int seq = sequenceId;
        sequenceId = PacketEncoder.nextSequenceId(seq, length);
        buffer.setMediumLE(header, length);
        buffer.setByte(header + 3, seq);
        afterWrite(length);
    }

    /** A payload the protocol splits into 16 MiB frames: after what is pending, through the pipeline's encoder. */
    private void writeSplit(ByteBuf payload) {
        handOver(false);
        int length = payload.readableBytes();
        int seq = sequenceId;
        sequenceId = PacketEncoder.nextSequenceId(seq, length);
        channel.write(new Packet(seq, payload), channel.voidPromise());
        afterWrite(length);
    }

    private void afterWrite(int length) {
        unflushedBytes += length + 4;
        if (unflushedBytes >= FLUSH_BYTES) {
            flush();
            awaitWritable();
        }
    }

    /** Gives the pending packets to Netty, flushing or not. */
    private void handOver(boolean flush) {
        ByteBuf buffer = pending;
        pending = null;
        if (buffer == null) {
            if (flush) {
                channel.flush();
            }
        } else if (flush) {
            channel.writeAndFlush(buffer, channel.voidPromise());
        } else {
            channel.write(buffer, channel.voidPromise());
        }
    }

    public void writeOk(OkPacket ok) {
        write(ok::writeTo);
    }

    public void writeErr(ErrPacket err) {
        write(err::writeTo);
    }

    public void flush() {
        unflushedBytes = 0;
        handOver(true);
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    public Channel channel() {
        return channel;
    }

    public void close() {
        if (pending != null) {
            pending.release();
            pending = null;
        }
        channel.close();
    }

    /** Waits until Netty's outbound buffer drains below its low-water mark, or the channel closes. */
    private void awaitWritable() {
        if (channel.isWritable() || !channel.isActive()) {
            return;
        }
        lock.lock();
        try {
            while (!channel.isWritable() && channel.isActive()) {
                writable.await(100, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    void writabilityChanged() {
        lock.lock();
        try {
            writable.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
