package io.shardwire.server.metrics;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Events per second over the last minute, from one counter per second in a ring (no background thread): what
 * SHOW PROXY STATUS reports as the current statement rate. Thread-safe; a slot is reset by the first event of
 * its new second, so under contention a few events at a second's boundary may be lost, which a rate can afford.
 */
public final class RateMeter {
    private static final int SLOTS = 64;
    private static final int WINDOW = 60;
    private final AtomicLongArray counts = new AtomicLongArray(SLOTS);
    private final AtomicLongArray seconds = new AtomicLongArray(SLOTS);

    public void mark(long epochSecond) {
        int slot = (int) (epochSecond % SLOTS);
        long stamp = seconds.get(slot);
        if (stamp != epochSecond && seconds.compareAndSet(slot, stamp, epochSecond)) {
            counts.set(slot, 0);
        }
        counts.incrementAndGet(slot);
    }

    /** The mean rate over the {@value #WINDOW} whole seconds before {@code nowEpochSecond}. */
    public double perSecond(long nowEpochSecond) {
        long total = 0;
        for (long s = nowEpochSecond - WINDOW; s < nowEpochSecond; s++) {
            int slot = (int) (s % SLOTS);
            if (seconds.get(slot) == s) {
                total += counts.get(slot);
            }
        }
        return total / (double) WINDOW;
    }
}
