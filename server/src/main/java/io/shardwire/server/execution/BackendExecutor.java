package io.shardwire.server.execution;

import com.mysql.cj.jdbc.JdbcConnection;
import com.mysql.cj.jdbc.JdbcStatement;
import com.mysql.cj.jdbc.result.ResultSetInternalMethods;
import io.shardwire.protocol.Capability;
import io.shardwire.protocol.ServerStatus;
import io.shardwire.protocol.packet.ColumnDefinition;
import io.shardwire.protocol.packet.OkPacket;
import io.shardwire.server.backend.BackendConnection;
import io.shardwire.server.backend.BackendPool;
import io.shardwire.server.error.ErrorTranslator;
import io.shardwire.server.error.ProxyError;
import io.shardwire.server.session.Session;
import io.shardwire.server.session.Session.PinReason;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import io.shardwire.server.metrics.ProxyMetrics;
import java.util.regex.Pattern;

/**
 * Runs one statement on a backend for a session and forwards every result to the client: takes the
 * session's pinned connection or borrows one, synchronises its state, streams the results, then decides
 * whether the session keeps the connection (open transaction, user variables, temp tables, locks) or gives
 * it back to the pool.
 */
public final class BackendExecutor {

    /** LAST_INSERT_ID(expr) left in the SQL after the proxy substituted the argument-less calls. */
    private static final Pattern LAST_INSERT_ID_CALL = Pattern.compile("LAST_INSERT_ID", Pattern.CASE_INSENSITIVE);

    private final ProxyMetrics metrics;

    public BackendExecutor(ProxyMetrics metrics) {
        this.metrics = metrics;
    }

    /**
     * What the statement left behind, for the session's bookkeeping; {@code info} is the OK packet's text ("Rows
     * matched: 1  Changed: 1  Warnings: 0"), "" when there was none.
     */
    public record Outcome(int statusFlags, long lastInsertId, long affectedRows, int warnings, String info) {
        public Outcome(int statusFlags, long lastInsertId, long affectedRows, int warnings) {
            this(statusFlags, lastInsertId, affectedRows, warnings, "");
        }
    }

    /**
     * @param pinFor reasons this statement gives the session to keep its connection afterwards
     * @param moreAfter another statement of the same multi-statement query follows
     */
    public Outcome forward(Session session, BackendPool pool, String sql, ResultWriter writer,
                           Set<PinReason> pinFor, boolean moreAfter) throws SQLException {
        BackendConnection connection = acquire(session, pool);
        boolean healthy = false;
        long start = System.nanoTime();
        boolean ok = false;
        try {
            StateSynchronizer.sync(connection, session);
            start = System.nanoTime();
            Outcome outcome = run(session, connection, sql, writer, moreAfter);
            healthy = true;
            ok = true;
            return outcome;
        } catch (SQLException e) {
            healthy = ErrorTranslator.isServerError(e) && !connection.isBroken();
            if (connection.isBroken()) {
                connection.pool().connectionLost();
            }
            if (!healthy && session.reasons(connection).contains(PinReason.TRANSACTION)) {
                session.openTransaction(null);
                throw ProxyError.BACKEND_LOST_IN_TRANSACTION.exception(pool.name(), e.getMessage());
            }
            throw e;
        } catch (ClientGoneException e) {
            abort(connection);
            throw e;
        } finally {
            metrics.backendStatement(pool.name(), "primary", ok, System.nanoTime() - start);
            settle(session, connection, healthy, pinFor);
        }
    }

    /**
     * Runs a statement that returns no rows (a write or DDL on one shard of a fan-out) and returns its
     * counts instead of answering the client.
     */
    public Outcome update(Session session, BackendPool pool, String sql, Set<PinReason> pinFor) throws SQLException {
        BackendConnection connection = acquire(session, pool);
        boolean healthy = false;
        try {
            StateSynchronizer.sync(connection, session);
            try (Statement statement = connection.jdbc().createStatement()) {
                statement.setEscapeProcessing(false);
                session.running(statement);
                long start = System.nanoTime();
                boolean executed = false;
                try {
                    statement.execute(sql);
                    executed = true;
                } finally {
                    metrics.backendStatement(pool.name(), "primary", executed, System.nanoTime() - start);
                }
                long affected = Math.max(0, statement.getLargeUpdateCount());
                ResultSetInternalMethods ok = statement.unwrap(JdbcStatement.class).getResultSetInternal();
                long insertId = ok == null ? 0 : ok.getUpdateID();
                String info = ok == null || ok.getServerInfo() == null ? "" : ok.getServerInfo();
                healthy = true;
                return new Outcome(connection.statusFlags(), insertId, affected, connection.warningCount(), info);
            } finally {
                session.running(null);
            }
        } catch (SQLException e) {
            healthy = ErrorTranslator.isServerError(e) && !connection.isBroken();
            if (connection.isBroken()) {
                connection.pool().connectionLost();
            }
            if (!healthy && session.reasons(connection).contains(PinReason.TRANSACTION)) {
                session.openTransaction(null);
                throw ProxyError.BACKEND_LOST_IN_TRANSACTION.exception(pool.name(), e.getMessage());
            }
            throw e;
        } finally {
            settle(session, connection, healthy, pinFor);
        }
    }

    /**
     * The connection the session holds on this shard, or a fresh borrow from the pool. Inside an explicit
     * transaction a shard joins it here, the first time a statement touches it.
     */
    public BackendConnection acquire(Session session, BackendPool pool) throws SQLException {
        BackendConnection pinned = session.pinned(pool.name());
        if (pinned != null) {
            // held for user variables or temporary tables since before BEGIN: it joins the transaction too
            if (session.openTransaction() != null && !session.reasons(pinned).contains(PinReason.TRANSACTION)) {
                StateSynchronizer.sync(pinned, session);
                joinTransaction(session, pinned);
                session.pin(pinned, PinReason.TRANSACTION);
            }
            return pinned;
        }
        BackendConnection connection;
        try {
            connection = pool.borrow(Capability.has(session.clientCapabilities(), Capability.FOUND_ROWS));
        } catch (SQLException e) {
            throw ProxyError.BACKEND_UNAVAILABLE.exception(pool.name() + " (" + pool.address() + ")", e.getMessage());
        }
        if (session.openTransaction() != null) {
            boolean healthy = false;
            try {
                StateSynchronizer.sync(connection, session);
                joinTransaction(session, connection);
                session.pin(connection, PinReason.TRANSACTION);
                healthy = true;
            } finally {
                if (!healthy) {
                    connection.pool().evict(connection);
                }
            }
        }
        return connection;
    }

    /**
     * Begins the session's transaction on a shard that joins it late, with the savepoints set so far: a
     * ROLLBACK TO SAVEPOINT then undoes this shard's work since the savepoint (all of it), as on one server.
     */
    private static void joinTransaction(Session session, BackendConnection connection) throws SQLException {
        try (Statement begin = connection.jdbc().createStatement()) {
            begin.setEscapeProcessing(false);
            begin.execute(session.openTransaction());
            for (String savepoint : session.savepoints()) {
                begin.execute("SAVEPOINT `" + savepoint.replace("`", "``") + "`");
            }
        }
    }

    /** After a statement: keep the connection if the session needs it on this shard, else return it. */
    public void settle(Session session, BackendConnection connection, boolean healthy, Set<PinReason> pinFor) {
        if (!healthy) {
            connection.pool().evict(connection);
            session.dropPin(connection);
            return;
        }
        boolean inTransaction = (connection.statusFlags() & ServerStatus.IN_TRANS) != 0;
        if (inTransaction || session.openTransaction() != null) {
            session.pin(connection, PinReason.TRANSACTION);
        } else {
            session.unpin(connection, PinReason.TRANSACTION);
        }
        for (PinReason reason : pinFor) {
            session.pin(connection, reason);
        }
        if (session.reasons(connection).isEmpty()) {
            session.dropPin(connection);
            connection.pool().release(connection);
        }
    }

    /** Drops one reason from every held connection, returning those no longer needed to their pools. */
    public void release(Session session, PinReason reason) {
        for (Session.Pin pin : session.pins()) {
            if (pin.reasons().contains(reason) && session.unpin(pin.connection(), reason)) {
                pin.connection().pool().release(pin.connection());
            }
        }
    }

    /** Closes every held connection: what they hold (transactions, locks, temp tables) must not leak. */
    public void evictAll(Session session) {
        for (Session.Pin pin : session.pins()) {
            pin.connection().pool().evict(pin.connection());
            session.dropPin(pin.connection());
        }
        session.openTransaction(null);
    }

    private Outcome run(Session session, BackendConnection connection, String sql, ResultWriter writer,
                        boolean moreAfter) throws SQLException {
        try (Statement statement = connection.jdbc().createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            statement.setFetchSize(Integer.MIN_VALUE);
            statement.setEscapeProcessing(false);
            session.running(statement);
            boolean isResultSet = statement.execute(sql);
            long lastInsertId = 0;
            long affected = -1;
            while (true) {
                if (isResultSet) {
                    try (ResultSet rs = statement.getResultSet()) {
                        try {
                            forwardResultSet(session, rs, connection, writer, moreAfter);
                        } catch (ClientGoneException e) {
                            abort(connection); // before rs.close(), which would read the rest of the result
                            throw e;
                        }
                    }
                } else {
                    long count = statement.getLargeUpdateCount();
                    if (count < 0) {
                        break;
                    }
                    ResultSetInternalMethods ok = statement.unwrap(JdbcStatement.class).getResultSetInternal();
                    long insertId = ok == null ? 0 : ok.getUpdateID();
                    String info = ok == null ? null : ok.getServerInfo();
                    int status = ResultWriter.forwardable(connection.statusFlags()) | (moreAfter ? ServerStatus.MORE_RESULTS_EXISTS : 0);
                    writer.ok(new OkPacket(count, insertId, status, connection.warningCount(), info == null ? "" : info));
                    lastInsertId = insertId != 0 ? insertId : lastInsertId;
                    affected = count;
                }
                if ((connection.statusFlags() & ServerStatus.MORE_RESULTS_EXISTS) == 0) {
                    break;
                }
                isResultSet = statement.getMoreResults();
            }
            int statusFlags = connection.statusFlags();
            int warnings = connection.warningCount();
            return new Outcome(statusFlags, lastInsertIdAfter(connection, sql, lastInsertId), affected, warnings);
        } finally {
            session.running(null);
        }
    }

    /**
     * What LAST_INSERT_ID() is for the session after the statement; 0 when the statement did not change it. The
     * OK packet's insert id is not enough: an INSERT that gave the AUTO_INCREMENT column an explicit value
     * reports that value but leaves LAST_INSERT_ID() as it was, and SELECT LAST_INSERT_ID(expr) reports nothing.
     * So the backend is asked (a statement without tables, which keeps the warnings for SHOW WARNINGS). Its
     * value is the session's when LAST_INSERT_ID(expr) ran, or when it equals the reported id (the id was
     * generated); otherwise it is what the pooled connection's previous user left, and the session's stands.
     */
    private static long lastInsertIdAfter(BackendConnection connection, String sql, long reportedInsertId)
            throws SQLException {
        boolean setByExpression = LAST_INSERT_ID_CALL.matcher(sql).find();
        if (!setByExpression && reportedInsertId == 0) {
            return 0;
        }
        long current = lastInsertId(connection);
        return setByExpression || current == reportedInsertId ? current : 0;
    }

    private static long lastInsertId(BackendConnection connection) throws SQLException {
        try (Statement statement = connection.jdbc().createStatement();
             ResultSet rs = statement.executeQuery("SELECT LAST_INSERT_ID()")) {
            rs.next();
            return Long.parseUnsignedLong(rs.getString(1));
        }
    }

    private void forwardResultSet(Session session, ResultSet rs, BackendConnection connection, ResultWriter writer,
                                  boolean moreAfter) throws SQLException {
        List<ColumnDefinition> columns = ResultWriter.columnsOf(rs);
        writer.columns(columns, ResultWriter.forwardable(connection.statusFlags()));
        // a KILL QUERY while rows stream: the backend stops the statement and ends the result with its error
        writer.rows(rs, columns.size(), () -> {
            if (session.takeCancelRequest()) {
                connection.pool().killQuery(connection);
            }
        });
        int status = ResultWriter.forwardable(connection.statusFlags()) | (moreAfter ? ServerStatus.MORE_RESULTS_EXISTS : 0);
        writer.end(connection.warningCount(), status);
    }

    /** Closes the physical socket at once: draining a half-read streaming result could take minutes. */
    private static void abort(BackendConnection connection) {
        try {
            connection.jdbc().unwrap(JdbcConnection.class).abortInternal();
        } catch (SQLException e) {
            // the connection is evicted below in settle(); nothing else to do
        }
    }
}
