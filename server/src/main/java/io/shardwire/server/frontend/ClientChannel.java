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
 * <p>Owned by the session's worker thread; {@link #writabilityChanged()} is called from the event loop.
 */
public final class ClientChannel {
    private static final int FLUSH_BYTES = 64 * 1024;

    private final Channel channel;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition writable = lock.newCondition();
    private int sequenceId;
    private int unflushedBytes;

    public ClientChannel(Channel channel) {
        this.channel = channel;
    }

    /** A new command starts: its packet had {@code receivedSequenceId} (0 for commands), answers follow it. */
    public void answering(int receivedSequenceId) {
        sequenceId = (receivedSequenceId + 1) & 0xFF;
    }

    public void write(Consumer<ByteBuf> payloadWriter) {
        ByteBuf payload = channel.alloc().ioBuffer(64);
        try {
            payloadWriter.accept(payload);
        } catch (RuntimeException e) {
            payload.release();
            throw e;
        }
        writePayload(payload);
    }

    /** Writes an already-filled payload; takes ownership of it. */
    public void writePayload(ByteBuf payload) {
        int length = payload.readableBytes();
        int seq = sequenceId;
        sequenceId = PacketEncoder.nextSequenceId(seq, length);
        channel.write(new Packet(seq, payload), channel.voidPromise());
        unflushedBytes += length + 4;
        if (unflushedBytes >= FLUSH_BYTES) {
            flush();
            awaitWritable();
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
        channel.flush();
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    public Channel channel() {
        return channel;
    }

    public void close() {
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
