package io.shardwire.server.execution;

import io.shardwire.server.error.ProxyError;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Heap for statements being lexed, digested, parsed and planned at once. The proxy's view of a statement costs
 * per token: a Token, its text, a literal slot, JSqlParser's nodes. Measured on a 1 MB {@code IN (1,1,...)} list
 * (a million tokens), which needed between 150 and 250 MB of heap, so three concurrent 16 MB statements used to
 * exhaust a 1 GB heap and leave the process without its event loops; a 17 MB string literal, one token, costs a
 * few copies of its text. So a statement of {@link #FREE_BELOW} bytes or more first counts its tokens (one pass over
 * its bytes) and reserves {@link #BYTES_PER_TOKEN} per token plus {@link #BYTES_PER_BYTE} per byte. It waits its turn
 * (fairly, first come first served) up to {@link #WAIT_MILLIS}, and is refused with ER_OUT_OF_RESOURCES when its
 * turn does not come or when it alone needs more than the budget. Small statements, nearly all of them, pass
 * without touching it. Thread-safe.
 */
public final class StatementBudget {
    /** Statements shorter than this (in bytes) need no reservation. */
    static final int FREE_BELOW = 64 * 1024;
    /** Estimated heap per token of a statement in planning (measured ~200, with a margin). */
    static final long BYTES_PER_TOKEN = 250;
    /** Copies of the text itself: the decoded String, token texts, the rewritten SQL per shard. */
    static final long BYTES_PER_BYTE = 6;
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

    /** Reserves heap for a statement sent as bytes (COM_QUERY), before it is decoded. */
    public Reservation reserve(byte[] sql) {
        return sql.length < FREE_BELOW ? NONE : reserve(sql.length, TokenCount.of(sql));
    }

    /** Reserves heap for a statement text (a prepared statement's, with its parameters rendered). */
    public Reservation reserve(String sql) {
        return sql.length() < FREE_BELOW ? NONE : reserve(sql.length(), TokenCount.of(sql));
    }

    /**
     * Reserves heap for a statement of {@code length} bytes and about {@code tokens} tokens, waiting for other large
     * statements to finish.
     *
     * @throws io.shardwire.server.error.ProxyException OUT_OF_RESOURCES when it cannot fit, now or in time
     */
    private Reservation reserve(long length, long tokens) {
        long needed = tokens * BYTES_PER_TOKEN + length * BYTES_PER_BYTE;
        int units = (int) Math.min(Integer.MAX_VALUE, (needed + UNIT - 1) / UNIT);
        if (needed > limitBytes) {
            throw ProxyError.STATEMENT_TOO_LARGE.exception(megabytes(length), tokens, megabytes(needed),
                    megabytes(limitBytes));
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
