package io.shardwire.protocol;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes that all connections together may hold for packets still arriving: a client that announces a 16 MiB packet
 * makes its connection buffer up to 16 MiB until the last byte comes, so without a shared bound a few dozen sockets
 * can fill the process's direct memory. A decoder reserves a packet's length when it starts to wait for the rest
 * and gives it back when the packet is complete or the connection goes; a reservation that does not fit is refused
 * at once, so one connection is refused rather than every connection starved. Thread-safe.
 */
public final class PacketBudget {
    private final long limit;
    private final AtomicLong used = new AtomicLong();

    /** @param limit most bytes reserved at once; {@link Long#MAX_VALUE} for no bound */
    public PacketBudget(long limit) {
        this.limit = limit;
    }

    public static PacketBudget unlimited() {
        return new PacketBudget(Long.MAX_VALUE);
    }

    /** Reserves {@code bytes} when they fit under the limit; false (nothing reserved) when they do not. */
    public boolean tryReserve(long bytes) {
        long now;
        do {
            now = used.get();
            if (now + bytes > limit) {
                return false;
            }
        } while (!used.compareAndSet(now, now + bytes));
        return true;
    }

    public void release(long bytes) {
        used.addAndGet(-bytes);
    }

    public long used() {
        return used.get();
    }

    public long limit() {
        return limit;
    }
}
