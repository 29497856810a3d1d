package io.shardwire.server.execution;

import io.shardwire.server.error.ProxyError;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Heap for statements being lexed, digested, parsed and planned at once. The proxy's view of a statement (tokens,
 * literals, JSqlParser's tree) takes about 200 bytes of heap per character of SQL: measured on a 1 MB
 * {@code IN (1,2,...)} list, which needed between 150 and 250 MB of heap, so three concurrent 16 MB statements used to
 * exhaust a 1 GB heap and leave the process without its event loops. A statement longer than {@link #FREE_BELOW}
 * characters reserves {@link #BYTES_PER_CHAR} per character first: it waits its turn (fairly, first come first
 * served) up to {@link #WAIT_MILLIS}, and is refused with ER_OUT_OF_RESOURCES when its turn does not come or when it
 * alone needs more than the budget. Small statements, nearly all of them, pass without touching it. Thread-safe.
 */
public final class StatementBudget {
    /** Statements shorter than this (in characters) need no reservation. */
    static final int FREE_BELOW = 64 * 1024;
    /** Estimated heap per character of a statement in planning (measured ~200, with a margin). */
    static final long BYTES_PER_CHAR = 250;
    static final long WAIT_MILLIS = 10_000;
    private static final long UNIT = 1024;

    private final long limitBytes;
    private final Semaphore kibibytes;

    public StatementBudget(long limitBytes) {
        this.limitBytes = limitBytes;
        this.kibibytes = new Semaphore((int) Math.min(Integer.MAX_VALUE, limitBytes / UNIT), true);
    }

    /** A reservation, given back on close. */
    public interface Reservation extends AutoCloseable {
        @Override
        void close();
    }

    private static final Reservation NONE = () -> { };

    /**
     * Reserves heap for a statement of {@code length} characters, waiting for other large statements to finish.
     *
     * @throws io.shardwire.server.error.ProxyException OUT_OF_RESOURCES when it cannot fit, now or in time
     */
    public Reservation reserve(int length) {
        if (length < FREE_BELOW) {
            return NONE;
        }
        long needed = length * BYTES_PER_CHAR;
        int units = (int) Math.min(Integer.MAX_VALUE, (needed + UNIT - 1) / UNIT);
        if (needed > limitBytes) {
            throw ProxyError.STATEMENT_TOO_LARGE.exception(megabytes(length), megabytes(needed), megabytes(limitBytes));
        }
        try {
            if (!kibibytes.tryAcquire(units, WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                throw ProxyError.STATEMENT_BUDGET_BUSY.exception(megabytes(length), WAIT_MILLIS / 1000, megabytes(limitBytes));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProxyError.QUERY_INTERRUPTED.exception();
        }
        return () -> kibibytes.release(units);
    }

    /** Bytes reserved now, for the metrics. */
    public long reservedBytes() {
        return limitBytes / UNIT * UNIT - (long) kibibytes.availablePermits() * UNIT;
    }

    private static String megabytes(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }
}
