package io.shardwire.server.execution;

import io.shardwire.protocol.packet.ColumnDefinition;
import io.shardwire.server.ProxyContext;
import io.shardwire.server.backend.BackendConnection;
import io.shardwire.server.backend.BackendPool;
import io.shardwire.server.error.ErrorTranslator;
import io.shardwire.server.error.ProxyError;
import io.shardwire.server.session.Session;
import io.shardwire.server.session.SessionRegistry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;

/** Commands other than COM_QUERY that need a backend or other sessions: INIT_DB, FIELD_LIST, RESET_CONNECTION, KILL. */
public final class UtilityCommands {
    private final ProxyContext context;
    private final BackendExecutor executor;
    private final AccessControl access;

    public UtilityCommands(ProxyContext context, BackendExecutor executor, AccessControl access) {
        this.context = context;
        this.executor = executor;
        this.access = access;
    }

    /** The privilege check every statement passes before it reaches a backend. */
    public AccessControl access() {
        return access;
    }

    /**
     * COM_INIT_DB, USE and the login's database: the login must be allowed the schema; a schema the configuration
     * does not name (admins only) is checked on the default shard first; then the session remembers it.
     */
    public void initDb(Session session, String schema) throws SQLException {
        access.checkDatabase(session, schema);
        if (isConfigured(schema)) {
            // a logical database exists on every backend (the configuration says so): no backend need answer, so a
            // login or USE works while the default shard is down, and costs no round trip; the next statement's
            // backend connection is switched to it when it is borrowed
            session.schema(schema);
            return;
        }
        BackendPool pool = context.shardFor(schema).primary();
        BackendConnection connection = executor.acquire(session, pool);
        boolean healthy = false;
        try {
            connection.jdbc().setCatalog(schema);
            connection.applied().schema(schema);
            session.schema(schema);
            healthy = true;
        } catch (SQLException e) {
            healthy = ErrorTranslator.isServerError(e) && !connection.isBroken();
            throw e;
        } finally {
            executor.settle(session, connection, healthy, Set.of());
        }
    }

    /** A logical database under its configured name, or information_schema: known without asking a backend. */
    private boolean isConfigured(String schema) {
        return schema.equalsIgnoreCase("information_schema")
                || context.shardMap().get().databases().containsKey(schema);
    }

    /** COM_FIELD_LIST: the table's column definitions, then EOF (MySQL "COM_FIELD_LIST Response"). */
    public void fieldList(Session session, String table, String wildcard, ResultWriter writer) throws SQLException {
        if (session.schema() == null) {
            throw ProxyError.NO_DATABASE_SELECTED.exception();
        }
        BackendPool pool = context.shardFor(session.schema()).primary();
        BackendConnection connection = executor.acquire(session, pool);
        boolean healthy = false;
        try {
            StateSynchronizer.sync(connection, session);
            List<ColumnDefinition> columns;
            try (Statement statement = connection.jdbc().createStatement();
                 ResultSet rs = statement.executeQuery("SELECT * FROM `" + table.replace("`", "``") + "` LIMIT 0")) {
                columns = ResultWriter.columnsOf(rs);
            }
            for (ColumnDefinition column : columns) {
                if (wildcard == null || wildcard.isEmpty() || column.name().matches(LikePattern.toRegex(wildcard))) {
                    writer.fieldListColumn(column);
                }
            }
            writer.end(0, session.statusFlags());
            healthy = true;
        } catch (SQLException e) {
            healthy = ErrorTranslator.isServerError(e) && !connection.isBroken();
            throw e;
        } finally {
            executor.settle(session, connection, healthy, Set.of());
        }
    }

    /** COM_RESET_CONNECTION: session variables and held backend state go; the user and schema stay. */
    public void reset(Session session) {
        executor.evictAll(session);
        session.resetToLogin();
    }

    /** At session end: close every backend connection the session still holds. */
    public void releaseAll(Session session) {
        executor.evictAll(session);
    }

    /** KILL / COM_PROCESS_KILL of a proxy session; a user may kill only their own sessions unless admin. */
    public void kill(Session session, long connectionId, boolean queryOnly) {
        SessionRegistry.Registration target = context.sessions().find(connectionId);
        if (target == null || (!session.admin() && !target.session().user().equals(session.user()))) {
            throw ProxyError.NO_SUCH_THREAD.exception(connectionId);
        }
        if (queryOnly) {
            target.session().cancelRunning();
        } else {
            target.session().markKilled();
            target.closer().run();
        }
    }

    public void kill(Session session, long connectionId) {
        kill(session, connectionId, false);
    }

}
