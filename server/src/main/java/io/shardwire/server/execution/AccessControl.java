package io.shardwire.server.execution;

import io.shardwire.router.classify.FrontendStatement;
import io.shardwire.router.classify.StatementAccess;
import io.shardwire.router.sql.Token;
import io.shardwire.server.ProxyContext;
import io.shardwire.server.error.ProxyError;
import io.shardwire.server.session.Grants;
import io.shardwire.server.session.Session;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The proxy's privilege check, before a statement reaches any backend. Every backend connection runs as one backend
 * account, so what that account may do says nothing about what a client may do; the login's {@link Grants} decide:
 *
 * <ul>
 *   <li>a statement that changes a backend server as a whole (SHUTDOWN, GRANT, SET GLOBAL, FLUSH, CHANGE MASTER,
 *       CREATE USER...) is refused for every login, admins included: through the proxy it would reach one shard's
 *       server only and act there for every client; it is run on the backend server itself;</li>
 *   <li>server-wide reads (SHOW SLAVE STATUS, information_schema.PROCESSLIST...), files on the backend's host
 *       (LOAD_FILE, INTO OUTFILE) and dynamic SQL whose text cannot be checked are for admins only;</li>
 *   <li>a login uses only the logical databases it is granted (all by default) and information_schema; the
 *       backends' other schemas (mysql, performance_schema, sys, databases the configuration does not name) are
 *       for admins only;</li>
 *   <li>a {@code read_only} login may not change data or schema.</li>
 * </ul>
 * Errors are MySQL's: 1227 for a missing server privilege, 1044 for a database, 1142 for a command on a table.
 */
public final class AccessControl {
    /** Backend schemas that only admins may read. */
    private static final Set<String> SYSTEM_SCHEMAS = Set.of("mysql", "performance_schema", "sys");
    private static final String INFORMATION_SCHEMA = "information_schema";

    private final ProxyContext context;

    public AccessControl(ProxyContext context) {
        this.context = context;
    }

    /** Refuses {@code statement} with the MySQL error its login lacks the privilege for; returns when it may run. */
    public void check(Session session, FrontendStatement statement, List<Token> tokens) {
        StatementAccess access = StatementAccess.of(statement, tokens);
        if (access.plain()) {
            return;
        }
        Grants grants = session.grants();
        if (access.serverChange() != null) {
            throw ProxyError.PRIVILEGE_NEEDED.exception("SUPER", "shardwire does not pass " + access.serverChange()
                    + " to a backend: it acts on a backend server as a whole, for every client of the proxy;"
                    + " run it on the backend server itself");
        }
        if (!grants.admin()) {
            if (access.unchecked() != null) {
                throw ProxyError.PRIVILEGE_NEEDED.exception("SUPER", access.unchecked()
                        + " (only shardwire admin users may)");
            }
            if (access.serverRead() != null) {
                throw ProxyError.PRIVILEGE_NEEDED.exception("PROCESS, REPLICATION CLIENT", access.serverRead()
                        + " shows a backend server's state; only shardwire admin users may read it");
            }
            if (access.fileAccess() != null) {
                throw ProxyError.PRIVILEGE_NEEDED.exception("FILE", access.fileAccess()
                        + " reads or writes files on a backend's host; only shardwire admin users may");
            }
        }
        for (String schema : access.schemas()) {
            if (!mayUse(grants, schema)) {
                throw databaseDenied(session, schema);
            }
        }
        for (String qualifier : access.qualifiers()) {
            if (!grants.admin() && isRestricted(grants, qualifier)) {
                throw databaseDenied(session, qualifier);
            }
        }
        if (access.write() != null && grants.readOnly()) {
            if (access.writeTable() == null) {
                throw databaseDenied(session, session.schema() == null ? "" : session.schema());
            }
            String table = session.schema() == null ? "`" + access.writeTable() + "`"
                    : "`" + session.schema() + "`.`" + access.writeTable() + "`";
            throw ProxyError.COMMAND_DENIED.exception(access.write(), session.user(), session.host(),
                    table + " (shardwire user '" + session.user() + "' is read_only)");
        }
    }

    /**
     * COM_INIT_DB, USE and the login's database (through UtilityCommands.initDb): refused unless the login may use that database. To a login that is
     * not admin, a name that is neither a logical database nor a system schema is unknown (1049), as the backends'
     * other databases are not part of what the proxy serves.
     */
    public void checkDatabase(Session session, String schema) {
        if (mayUse(session.grants(), schema)) {
            return;
        }
        if (!SYSTEM_SCHEMAS.contains(schema.toLowerCase(Locale.ROOT)) && context.shardMap().get().findDatabase(schema).isEmpty()) {
            throw ProxyError.UNKNOWN_DATABASE.exception(schema);
        }
        throw databaseDenied(session, schema);
    }

    /**
     * Whether a login may name {@code schema}: information_schema always; a logical database when granted; anything
     * else (system schemas, backend databases the configuration does not name) only as an admin.
     */
    public boolean mayUse(Grants grants, String schema) {
        if (schema.equalsIgnoreCase(INFORMATION_SCHEMA)) {
            return true;
        }
        return context.shardMap().get().findDatabase(schema).map(db -> grants.admin() || grants.mayUse(db.name()))
                .orElse(grants.admin());
    }

    /** A qualifier that may be a column's table as well: refused only when it surely names a forbidden schema. */
    private boolean isRestricted(Grants grants, String qualifier) {
        if (SYSTEM_SCHEMAS.contains(qualifier.toLowerCase(Locale.ROOT))) {
            return true;
        }
        return context.shardMap().get().findDatabase(qualifier).map(db -> !grants.mayUse(db.name())).orElse(false);
    }

    private static RuntimeException databaseDenied(Session session, String schema) {
        return ProxyError.DATABASE_ACCESS_DENIED.exception(session.user(), session.host(), schema);
    }
}
