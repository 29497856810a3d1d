package io.shardwire.server.frontend;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Failed logins per client address, against password guessing. The first {@code failuresBeforeDelay} failures of
 * an address are answered at once; each further one after a delay that doubles from {@value #FIRST_DELAY_MILLIS}
 * ms up to {@code maxDelay}; at {@code blockAfterFailures} the address is blocked for {@code blockFor} (MySQL's
 * ER_HOST_IS_BLOCKED, as with its max_connect_errors). A successful login forgets the address. An address that
 * fails again after its block ran out is blocked again at once: its count is kept until it has had no failure for
 * the window (ten minutes, or the block time when longer), or FLUSH HOSTS.
 *
 * <p>Memory is bounded: at most {@code capacity} addresses are remembered, least recently seen first out (an
 * attacker with more addresses than that can push out the oldest, but never grow the table). Thread-safe: every
 * method holds the table's lock for a few map operations; nothing here sleeps.
 */
public final class LoginThrottle {
    static final long FIRST_DELAY_MILLIS = 100;

    /**
     * What to do with a failed login: wait {@code delayMillis} before answering; {@code startedBlock} when this
     * failure blocked the address; {@code failures} remembered for it, this one included.
     */
    public record Failure(long delayMillis, boolean startedBlock, int failures) {
    }

    private static final class Entry {
        int failures;
        long lastFailureMillis;
        long blockedUntilMillis;
    }

    private final int failuresBeforeDelay;
    private final int blockAfterFailures;
    private final long blockMillis;
    private final long maxDelayMillis;
    private final long windowMillis;
    private final int capacity;
    private final LongSupplier clockMillis;
    private static final long SWEEP_INTERVAL_MILLIS = 1000;
    /** When expired addresses were last swept out. Guarded by {@link #addresses}. */
    private long lastSweepMillis = Long.MIN_VALUE / 2;
    /** In access order: the eldest is the address seen least recently. Guarded by itself. */
    private final LinkedHashMap<String, Entry> addresses = new LinkedHashMap<>(16, 0.75f, true);

    /**
     * @param blockAfterFailures 0: never block
     * @param window how long an address's failures are remembered after its last one
     */
    public LoginThrottle(int failuresBeforeDelay, int blockAfterFailures, Duration blockFor, Duration maxDelay,
                         Duration window, int capacity, LongSupplier clockMillis) {
        this.failuresBeforeDelay = failuresBeforeDelay;
        this.blockAfterFailures = blockAfterFailures;
        this.blockMillis = blockFor.toMillis();
        this.maxDelayMillis = maxDelay.toMillis();
        this.windowMillis = Math.max(window.toMillis(), blockMillis);
        this.capacity = capacity;
        this.clockMillis = clockMillis;
    }

    /** Milliseconds the address stays blocked, 0 when it is not. */
    public long blockedForMillis(String address) {
        long now = clockMillis.getAsLong();
        synchronized (addresses) {
            Entry e = addresses.get(address);
            return e == null ? 0 : Math.max(0, e.blockedUntilMillis - now);
        }
    }

    /** Failed logins remembered for the address. */
    public int failures(String address) {
        synchronized (addresses) {
            Entry e = addresses.get(address);
            return e == null ? 0 : e.failures;
        }
    }

    /** Counts a failed login; the caller waits {@link Failure#delayMillis()} before it answers. */
    public Failure failed(String address) {
        long now = clockMillis.getAsLong();
        synchronized (addresses) {
            Entry e = addresses.get(address);
            if (e != null && expired(e, now)) {
                e.failures = 0;
            }
            if (e == null) {
                makeRoom(now);
                e = new Entry();
                addresses.put(address, e);
            }
            e.failures = e.failures == Integer.MAX_VALUE ? e.failures : e.failures + 1;
            e.lastFailureMillis = now;
            boolean startsBlock = blockAfterFailures > 0 && e.failures >= blockAfterFailures && e.blockedUntilMillis <= now;
            if (startsBlock) {
                e.blockedUntilMillis = now + blockMillis;
            }
            return new Failure(delayAfter(e.failures), startsBlock, e.failures);
        }
    }

    /** A successful login: the address starts afresh. */
    public void succeeded(String address) {
        synchronized (addresses) {
            addresses.remove(address);
        }
    }

    /** FLUSH HOSTS: forgets every address; returns how many were remembered. */
    public int flush() {
        synchronized (addresses) {
            int n = addresses.size();
            addresses.clear();
            return n;
        }
    }

    /** Addresses blocked now (a gauge). */
    public int blockedAddresses() {
        long now = clockMillis.getAsLong();
        synchronized (addresses) {
            int n = 0;
            for (Entry e : addresses.values()) {
                if (e.blockedUntilMillis > now) {
                    n++;
                }
            }
            return n;
        }
    }

    /** Addresses remembered. */
    public int size() {
        synchronized (addresses) {
            return addresses.size();
        }
    }

    /** 0 for the first failures, then 100 ms, 200 ms, 400 ms... up to the maximum. */
    long delayAfter(int failures) {
        int delayed = failures - failuresBeforeDelay;
        if (delayed <= 0) {
            return 0;
        }
        long delay = delayed > 20 ? Long.MAX_VALUE : FIRST_DELAY_MILLIS << (delayed - 1);
        return Math.min(delay, maxDelayMillis);
    }

    private boolean expired(Entry e, long now) {
        return e.blockedUntilMillis <= now && now - e.lastFailureMillis >= windowMillis;
    }

    /**
     * Called with the lock held, before a new address is added: drops expired ones (one sweep a second at most, so a
     * flood from new addresses does not scan the full table for each), then the least recently seen.
     */
    private void makeRoom(long now) {
        if (addresses.size() < capacity) {
            return;
        }
        if (now - lastSweepMillis >= SWEEP_INTERVAL_MILLIS) {
            lastSweepMillis = now;
            addresses.values().removeIf(e -> expired(e, now));
        }
        Iterator<Map.Entry<String, Entry>> eldest = addresses.entrySet().iterator();
        while (addresses.size() >= capacity && eldest.hasNext()) {
            eldest.next();
            eldest.remove();
        }
    }
}
