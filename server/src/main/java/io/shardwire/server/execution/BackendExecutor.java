package io.shardwire.server.execution;

import com.mysql.cj.jdbc.JdbcConnection;
import com.mysql.cj.jdbc.JdbcStatement;
import com.mysql.cj.jdbc.result.ResultSetInternalMethods;
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

/**
 * Runs one statement on a backend for a session and forwards every result to the client: takes the
 * session's pinned connection or borrows one, synchronises its state, streams the results, then decides
 * whether the session keeps the connection (open transaction, user variables, temp tables, locks) or gives
 * it back to the pool.
 */
public final class BackendExecutor {

    /** What the statement left behind, for the session's bookkeeping. */
    public record Outcome(int statusFlags, long lastInsertId, long affectedRows) {
    }

    /**
     * @param pinFor reasons this statement gives the session to keep its connection afterwards
     * @param moreAfter another statement of the same multi-statement query follows
     */
    public Outcome forward(Session session, BackendPool pool, String sql, ResultWriter writer,
                           Set<PinReason> pinFor, boolean moreAfter) throws SQLException {
        BackendConnection connection = acquire(session, pool);
        boolean healthy = false;
        try {
            StateSynchronizer.sync(connection, session);
            Outcome outcome = run(session, connection, sql, writer, moreAfter);
            healthy = true;
            return outcome;
        } catch (SQLException e) {
            healthy = ErrorTranslator.isServerError(e) && !connection.isBroken();
            if (connection.isBroken()) {
                connection.pool().connectionLost();
            }
            if (!healthy && session.pinReasons().contains(PinReason.TRANSACTION)) {
                throw ProxyError.BACKEND_LOST_IN_TRANSACTION.exception(pool.name(), e.getMessage());
            }
            throw e;
        } catch (ClientGoneException e) {
            abort(connection);
            throw e;
        } finally {
            settle(session, connection, healthy, pinFor);
        }
    }

    /** The session's pinned connection, or a fresh borrow from the pool. */
    public BackendConnection acquire(Session session, BackendPool pool) throws SQLException {
        BackendConnection pinned = session.pinned();
        if (pinned != null) {
            return pinned;
        }
        try {
            return pool.borrow();
        } catch (SQLException e) {
            throw ProxyError.BACKEND_UNAVAILABLE.exception(pool.name() + " (" + pool.address() + ")", e.getMessage());
        }
    }

    /** After a statement: keep the connection pinned if the session needs it, else return it. */
    public void settle(Session session, BackendConnection connection, boolean healthy, Set<PinReason> pinFor) {
        if (!healthy) {
            connection.pool().evict(connection);
            session.dropPinned();
            return;
        }
        boolean inTransaction = (connection.statusFlags() & ServerStatus.IN_TRANS) != 0;
        if (inTransaction) {
            session.pin(connection, PinReason.TRANSACTION);
        } else {
            session.unpin(PinReason.TRANSACTION);
        }
        for (PinReason reason : pinFor) {
            session.pin(connection, reason);
        }
        if (session.pinReasons().isEmpty()) {
            session.dropPinned();
            connection.pool().release(connection);
        } else if (session.pinned() == null) {
            session.pin(connection, session.pinReasons().iterator().next());
        }
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
                        forwardResultSet(rs, connection, writer, moreAfter);
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
            return new Outcome(connection.statusFlags(), lastInsertId, affected);
        } finally {
            session.running(null);
        }
    }

    private void forwardResultSet(ResultSet rs, BackendConnection connection, ResultWriter writer, boolean moreAfter)
            throws SQLException {
        List<ColumnDefinition> columns = ResultWriter.columnsOf(rs);
        writer.columns(columns, ResultWriter.forwardable(connection.statusFlags()));
        writer.rows(rs, columns.size());
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
