package io.shardwire.server.backend;

import com.mysql.cj.jdbc.JdbcConnection;
import com.mysql.cj.NativeSession;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A borrowed backend connection: the pooled JDBC connection, the physical Connector/J connection behind it
 * (for server status flags and warning counts) and the state already applied to it.
 *
 * <p>Owned by the session that borrowed it until {@link BackendPool#release} or {@link BackendPool#evict}.
 */
public final class BackendConnection {
    private final BackendPool pool;
    private final Connection connection;
    private final JdbcConnection physical;
    private final AppliedState applied;
    private final boolean foundRows;

    BackendConnection(BackendPool pool, Connection connection, JdbcConnection physical, AppliedState applied,
                      boolean foundRows) {
        this.pool = pool;
        this.connection = connection;
        this.physical = physical;
        this.applied = applied;
        this.foundRows = foundRows;
    }

    public BackendPool pool() {
        return pool;
    }

    public Connection jdbc() {
        return connection;
    }

    public AppliedState applied() {
        return applied;
    }

    /** Whether the connection was opened with CLIENT_FOUND_ROWS (UPDATE counts matched rather than changed rows). */
    public boolean foundRows() {
        return foundRows;
    }

    /** The status flags of the backend's last OK/EOF packet (MySQL SERVER_STATUS_*). */
    public int statusFlags() {
        return physical.getSession().getServerSession().getStatusFlags();
    }

    public boolean inTransaction() {
        return physical.getSession().getServerSession().inTransactionOnServer();
    }

    /** The warning count of the backend's last OK/EOF packet. */
    public int warningCount() {
        return physical.getSession() instanceof NativeSession s ? s.getProtocol().getWarningCount() : 0;
    }

    public boolean isBroken() {
        try {
            return connection.isClosed() || physical.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }
}
