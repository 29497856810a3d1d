package io.shardwire.server.execution;

import io.shardwire.server.backend.BackendConnection;
import io.shardwire.server.session.Session;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Brings a borrowed backend connection in line with the session before a statement runs on it: current
 * schema, then the session variables (sql_mode, time_zone, charsets, autocommit, isolation...). Only what
 * differs is sent, so a connection that last served the same kind of session costs nothing.
 */
public final class StateSynchronizer {
    private StateSynchronizer() {
    }

    public static void sync(BackendConnection connection, Session session) throws SQLException {
        String schema = session.schema();
        if (schema != null && !schema.equals(connection.applied().schema())) {
            connection.jdbc().setCatalog(schema);
            connection.applied().schema(schema);
        }
        List<String> statements = session.variables().diffFrom(connection.applied().variables());
        if (!statements.isEmpty()) {
            try (Statement statement = connection.jdbc().createStatement()) {
                statement.setEscapeProcessing(false);
                for (String sql : statements) {
                    statement.execute(sql);
                }
            }
            connection.applied().variables().copyFrom(session.variables());
        }
    }
}
