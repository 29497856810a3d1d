package io.shardwire.server.prepared;

/**
 * The bytes of COM_STMT_SEND_LONG_DATA one session may hold for all its prepared statements together: each parameter
 * may collect up to max_allowed_packet, and a session may prepare thousands of statements, so without a bound per
 * session one client could make the proxy hold gigabytes. Owned by the session's worker thread.
 */
final class LongDataAllowance {
    private final long limit;
    private long held;

    LongDataAllowance(long limit) {
        this.limit = limit;
    }

    long limit() {
        return limit;
    }

    /** Takes {@code bytes} when they fit under the limit with what is held already. */
    boolean take(long bytes) {
        if (held + bytes > limit) {
            return false;
        }
        held += bytes;
        return true;
    }

    void give(long bytes) {
        held -= bytes;
    }

    long held() {
        return held;
    }
}
