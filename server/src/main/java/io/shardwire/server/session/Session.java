package io.shardwire.server.session;

import io.shardwire.protocol.Capability;
import io.shardwire.protocol.ServerStatus;
import io.shardwire.server.backend.BackendConnection;
import java.nio.charset.Charset;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.Set;

/**
 * One client's logical session after login: who, which schema, which charset and session variables, and the
 * backend connection it holds between statements when it must (a transaction, user variables, temporary
 * tables, locks).
 *
 * <p>Owned by the session's worker thread. The volatile fields are read by SHOW PROCESSLIST and KILL from
 * other sessions.
 */
public final class Session {
    /** Why a session keeps its backend connection between statements. */
    public enum PinReason { TRANSACTION, USER_VARIABLES, TEMPORARY_TABLES, LOCKS, SQL_PREPARED_STATEMENTS, FOUND_ROWS }

    private final long id;
    private final String user;
    private final String host;
    private final boolean admin;
    private final int clientCapabilities;
    private final String charsetAtLogin;
    private final SessionVariables variables = new SessionVariables();
    private final Set<PinReason> pinReasons = EnumSet.noneOf(PinReason.class);
    private String schema;
    private String clientCharsetName;
    private Charset clientCharset;
    private boolean multiStatements;
    private boolean autocommit = true;
    private BackendConnection pinned;
    private long lastInsertId;
    private long rowCount = -1;
    private final long connectedAtMillis = System.currentTimeMillis();
    private volatile String command = "Sleep";
    private volatile String info;
    private volatile long commandStartMillis = System.currentTimeMillis();
    private volatile Statement running;
    private volatile boolean killed;

    public Session(long id, String user, String host, boolean admin, int clientCapabilities, String charsetName) {
        this.id = id;
        this.user = user;
        this.host = host;
        this.admin = admin;
        this.clientCapabilities = clientCapabilities;
        this.multiStatements = Capability.has(clientCapabilities, Capability.MULTI_STATEMENTS);
        this.charsetAtLogin = charsetName;
        clientCharset(charsetName);
    }

    public String charsetAtLogin() { return charsetAtLogin; }

    /**
     * The state right after login (also what COM_RESET_CONNECTION returns to): no session variables but those
     * of a non-UTF-8 login charset, whose results the backend must then send in that charset.
     */
    public void resetToLogin() {
        variables.clear();
        if (!charsetAtLogin.startsWith("utf8")) {
            variables.set("character_set_results", "'" + charsetAtLogin + "'");
            variables.set("character_set_connection", "'" + charsetAtLogin + "'");
        }
        clientCharset(charsetAtLogin);
        autocommit = true;
        multiStatements = multiStatementsAtLogin();
        lastInsertId = 0;
        rowCount = -1;
    }
    public boolean multiStatementsAtLogin() { return Capability.has(clientCapabilities, Capability.MULTI_STATEMENTS); }

    public long id() { return id; }
    public String user() { return user; }
    public String host() { return host; }
    public boolean admin() { return admin; }
    public int clientCapabilities() { return clientCapabilities; }
    public boolean deprecateEof() { return Capability.has(clientCapabilities, Capability.DEPRECATE_EOF); }
    public SessionVariables variables() { return variables; }
    public String schema() { return schema; }
    public void schema(String schema) { this.schema = schema; }
    public Charset clientCharset() { return clientCharset; }
    public String clientCharsetName() { return clientCharsetName; }
    public boolean multiStatements() { return multiStatements; }
    public void multiStatements(boolean on) { this.multiStatements = on; }
    public boolean autocommit() { return autocommit; }
    public void autocommit(boolean on) { this.autocommit = on; }
    public long lastInsertId() { return lastInsertId; }
    public void lastInsertId(long id) { this.lastInsertId = id; }
    /** What ROW_COUNT() returns: the previous statement's affected rows, -1 after a result set. */
    public long rowCount() { return rowCount; }
    public void rowCount(long count) { this.rowCount = count; }
    public long connectedAtMillis() { return connectedAtMillis; }
    public String command() { return command; }
    public String info() { return info; }
    public long commandStartMillis() { return commandStartMillis; }
    public boolean killed() { return killed; }

    public void clientCharset(String mysqlName) {
        this.clientCharsetName = mysqlName;
        this.clientCharset = MysqlCharsets.javaCharset(mysqlName);
    }

    /** Status flags for answers the proxy gives itself; backend answers carry the backend's own. */
    public int statusFlags() {
        int flags = autocommit ? ServerStatus.AUTOCOMMIT : 0;
        if (pinned != null && pinReasons.contains(PinReason.TRANSACTION)) {
            flags |= ServerStatus.IN_TRANS;
        }
        return flags;
    }

    public BackendConnection pinned() { return pinned; }

    public Set<PinReason> pinReasons() { return pinReasons; }

    public void pin(BackendConnection connection, PinReason reason) {
        this.pinned = connection;
        pinReasons.add(reason);
    }

    public void unpin(PinReason reason) {
        pinReasons.remove(reason);
    }

    /** Forgets the pinned connection (after it was released or evicted). */
    public void dropPinned() {
        pinned = null;
        pinReasons.clear();
    }

    public void startCommand(String command, String info) {
        this.command = command;
        this.info = info;
        this.commandStartMillis = System.currentTimeMillis();
    }

    public void endCommand() {
        this.command = "Sleep";
        this.info = null;
        this.running = null;
        this.commandStartMillis = System.currentTimeMillis();
    }

    public void running(Statement statement) {
        this.running = statement;
    }

    /** KILL QUERY from another session: cancel what runs now, if anything. */
    public void cancelRunning() {
        Statement statement = running;
        if (statement != null) {
            try {
                statement.cancel();
            } catch (Exception e) {
                // the statement finished meanwhile; nothing to cancel
            }
        }
    }

    public void markKilled() {
        killed = true;
        cancelRunning();
    }
}
