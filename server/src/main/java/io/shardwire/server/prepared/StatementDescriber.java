package io.shardwire.server.prepared;

import com.mysql.cj.jdbc.JdbcConnection;
import com.mysql.cj.result.Field;
import io.shardwire.protocol.packet.ColumnDefinition;
import io.shardwire.server.ProxyContext;
import io.shardwire.server.backend.BackendConnection;
import io.shardwire.server.backend.BackendPool;
import io.shardwire.server.error.ErrorTranslator;
import io.shardwire.server.execution.BackendExecutor;
import io.shardwire.server.execution.ResultWriter;
import io.shardwire.server.execution.StateSynchronizer;
import io.shardwire.server.session.Session;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Asks a backend to prepare a statement once, for what only the server knows: whether the SQL is valid
 * (a syntax error or an unknown table must fail the client's prepare, as on MySQL), its parameter count and
 * its result columns. The backend statement is closed at once; executions run as text on any connection.
 * The connection is borrowed and brought in line with the session (schema, sql_mode...) like for any
 * statement, so names resolve as they will when the statement runs.
 */
final class StatementDescriber {
    /** ER_UNSUPPORTED_PS: "This command is not supported in the prepared statement protocol yet". */
    private static final int UNSUPPORTED_IN_PREPARED_STATEMENTS = 1295;

    /** What a backend said about a statement. */
    record Description(List<ColumnDefinition> columns, int parameterCount) {
        Description {
            columns = List.copyOf(columns);
        }
    }

    private final ProxyContext context;
    private final BackendExecutor executor;

    StatementDescriber(ProxyContext context, BackendExecutor executor) {
        this.context = context;
        this.executor = executor;
    }

    /**
     * @return the description, or empty when the backend cannot prepare this kind of statement (the proxy
     *         still can: it runs the statement as text at execute time)
     * @throws SQLException the backend's error for invalid SQL
     */
    Optional<Description> describe(Session session, String sql) throws SQLException {
        BackendPool pool = context.shardFor(session.schema()).primary();
        BackendConnection connection = executor.acquire(session, pool);
        boolean healthy = false;
        try {
            StateSynchronizer.sync(connection, session);
            // serverPrepareStatement forces a real COM_STMT_PREPARE although the pool uses client-side prepares
            try (PreparedStatement statement = connection.jdbc().unwrap(JdbcConnection.class).serverPrepareStatement(sql)) {
                ResultSetMetaData metadata = statement.getMetaData();
                Field[] fields = metadata == null ? new Field[0]
                        : metadata.unwrap(com.mysql.cj.jdbc.result.ResultSetMetaData.class).getFields();
                int parameters = statement.getParameterMetaData().getParameterCount();
                healthy = true;
                return Optional.of(new Description(ResultWriter.columnsOf(fields), parameters));
            }
        } catch (SQLException e) {
            healthy = ErrorTranslator.isServerError(e) && !connection.isBroken();
            if (healthy && e.getErrorCode() == UNSUPPORTED_IN_PREPARED_STATEMENTS) {
                return Optional.empty();
            }
            throw e;
        } finally {
            executor.settle(session, connection, healthy, Set.of());
        }
    }
}
