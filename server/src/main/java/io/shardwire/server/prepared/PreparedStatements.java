package io.shardwire.server.prepared;

import io.shardwire.server.error.ProxyError;
import java.util.HashMap;
import java.util.Map;

/**
 * The prepared statements of one session, by the ids the proxy gave them (from 1, as MySQL counts). Bounded:
 * a client that prepares without ever closing must not exhaust the proxy's memory. Dropped as a whole on
 * COM_RESET_CONNECTION and with the session.
 *
 * <p>Owned by the session's worker thread.
 */
final class PreparedStatements {
    /** The id with which MariaDB's "direct execute" names the statement prepared just before it. */
    static final long LAST_PREPARED = 0xFFFFFFFFL;

    private final int limit;
    private final Map<Long, ProxyPreparedStatement> byId = new HashMap<>();
    private long nextId = 1;
    private ProxyPreparedStatement last;

    PreparedStatements(int limit) {
        this.limit = limit;
    }

    /** Fails with ER_MAX_PREPARED_STMT_COUNT_REACHED when the session already holds its limit. */
    void checkRoom() {
        if (byId.size() >= limit) {
            throw ProxyError.TOO_MANY_PREPARED_STATEMENTS.exception(limit, limit);
        }
    }

    long nextId() {
        return nextId;
    }

    void add(ProxyPreparedStatement statement) {
        checkRoom();
        byId.put(statement.id(), statement);
        last = statement;
        // ids are 32-bit on the wire; 0 is never a valid id and 0xFFFFFFFF means "the last one"; after
        // wrapping around, ids still held are skipped
        do {
            nextId = nextId >= LAST_PREPARED - 1 ? 1 : nextId + 1;
        } while (byId.containsKey(nextId));
    }

    /** A prepare started: if it fails, a direct execute behind it must fail too, not reach an older statement. */
    void forgetLast() {
        last = null;
    }

    /** The statement, or ER_UNKNOWN_STMT_HANDLER naming the command as mysqld does. */
    ProxyPreparedStatement require(long id, String command) {
        ProxyPreparedStatement statement = id == LAST_PREPARED ? last : byId.get(id);
        if (statement == null) {
            throw ProxyError.UNKNOWN_STMT_HANDLER.exception(id, command);
        }
        return statement;
    }

    /** The statement or null (commands that have no answer cannot report an unknown id). */
    ProxyPreparedStatement find(long id) {
        return id == LAST_PREPARED ? last : byId.get(id);
    }

    void remove(long id) {
        ProxyPreparedStatement removed = id == LAST_PREPARED ? last : byId.remove(id);
        if (removed != null) {
            removed.clearLongData();
            byId.remove(removed.id());
            if (removed == last) {
                last = null;
            }
        }
    }

    void clear() {
        byId.values().forEach(ProxyPreparedStatement::clearLongData);
        byId.clear();
        last = null;
    }

    /** Bytes of rows the session's open cursors hold. */
    long openCursorBytes() {
        long bytes = 0;
        for (ProxyPreparedStatement statement : byId.values()) {
            if (statement.cursor() != null) {
                bytes += statement.cursor().bytes();
            }
        }
        return bytes;
    }

    int size() {
        return byId.size();
    }
}
