package io.shardwire.server.session;

import io.shardwire.protocol.Capability;
import io.shardwire.protocol.ServerStatus;
import io.shardwire.server.backend.BackendConnection;
import java.nio.charset.Charset;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final Grants grants;
    private final int clientCapabilities;
    private final String charsetAtLogin;
    private final String collationAtLogin;
    private final SessionVariables variables = new SessionVariables();
    /** Backend connections held between statements, by shard, with why. */
    private final Map<String, Pin> pins = new LinkedHashMap<>();
    private String schema;
    private String clientCharsetName;
    private Charset clientCharset;
    private boolean multiStatements;
    private boolean autocommit = true;
    /** A BEGIN / START TRANSACTION is open: shards join it as the transaction touches them. */
    private String openTransaction;
    private final List<String> savepoints = new ArrayList<>();
    private long lastInsertId;
    private long rowCount = -1;
    private final long connectedAtMillis = System.currentTimeMillis();
    private ClientTls clientTls = ClientTls.NONE;
    private volatile String command = "Sleep";
    private volatile String info;
    private volatile long commandStartMillis = System.currentTimeMillis();
    private volatile Statement running;
    private volatile boolean killed;
    private volatile boolean cancelRequested;

    /**
     * @param collationAtLogin the handshake's collation when it is a utf8mb4 one other than the backend
     *     connections' utf8mb4_general_ci (mysql2 asks for utf8mb4_unicode_ci), else null
     */
    public Session(long id, String user, String host, Grants grants, int clientCapabilities, String charsetName,
                   String collationAtLogin) {
        this.id = id;
        this.user = user;
        this.host = host;
        this.grants = grants;
        this.clientCapabilities = clientCapabilities;
        this.multiStatements = Capability.has(clientCapabilities, Capability.MULTI_STATEMENTS);
        this.charsetAtLogin = charsetName;
        this.collationAtLogin = collationAtLogin;
        clientCharset(charsetName);
    }

    public String charsetAtLogin() { return charsetAtLogin; }

    /**
     * The state right after login (also what COM_RESET_CONNECTION returns to): no session variables but those
     * of a login charset other than utf8mb4 (the backend connections' own), whose results the backend must then
     * send in that charset; utf8mb3 too, which the mariadb CLI announces and which cannot hold 4-byte characters.
     */
    public void resetToLogin() {
        variables.clear();
        if (!charsetAtLogin.equals("utf8mb4")) {
            variables.set("character_set_results", "'" + charsetAtLogin + "'");
            variables.set("character_set_connection", "'" + charsetAtLogin + "'");
        }
        if (collationAtLogin != null) {
            // string literals compare under the collation the client asked for, as on a direct connection
            variables.set("collation_connection", "'" + collationAtLogin + "'");
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
    public boolean admin() { return grants.admin(); }
    public Grants grants() { return grants; }
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
    /** The client connection's TLS (SHOW STATUS LIKE 'Ssl%'), set once at login. */
    public ClientTls clientTls() { return clientTls; }
    public void clientTls(ClientTls tls) { this.clientTls = tls; }
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
        if (inTransaction()) {
            flags |= ServerStatus.IN_TRANS;
        }
        return flags;
    }

    /** A transaction is open: explicitly, or implicitly on some shard because autocommit is off. */
    public boolean inTransaction() {
        if (openTransaction != null) {
            return true;
        }
        for (Pin pin : pins.values()) {
            if (pin.reasons().contains(PinReason.TRANSACTION)) {
                return true;
            }
        }
        return false;
    }

    /** The statement that opened the explicit transaction (BEGIN, START TRANSACTION READ ONLY...), or null. */
    public String openTransaction() { return openTransaction; }

    /** Opens (or, with null, ends) the explicit transaction; either way its savepoints are gone. */
    public void openTransaction(String beginStatement) {
        this.openTransaction = beginStatement;
        savepoints.clear();
    }

    /**
     * The savepoints of the explicit transaction, oldest first. A shard that joins the transaction later sets
     * them too, so that ROLLBACK TO SAVEPOINT on it undoes what it did since (all of it).
     */
    public List<String> savepoints() {
        return List.copyOf(savepoints);
    }

    /** SAVEPOINT name: set anew, it becomes the latest (as in InnoDB). */
    public void savepointSet(String name) {
        savepointIndex(name).ifPresent(i -> savepoints.remove((int) i));
        savepoints.add(name);
    }

    /** ROLLBACK TO SAVEPOINT name keeps it and drops later ones; RELEASE SAVEPOINT drops it and later ones. */
    public void savepointEnded(String name, boolean keep) {
        savepointIndex(name).ifPresent(i -> savepoints.subList(keep ? i + 1 : i, savepoints.size()).clear());
    }

    private Optional<Integer> savepointIndex(String name) {
        for (int i = 0; i < savepoints.size(); i++) {
            if (savepoints.get(i).equalsIgnoreCase(name)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** A connection held between statements and the reasons it is held. */
    public record Pin(BackendConnection connection, Set<PinReason> reasons) {
    }

    /** The connection this session holds on {@code shard}, or null. */
    public BackendConnection pinned(String shard) {
        Pin pin = pins.get(shard);
        return pin == null ? null : pin.connection();
    }

    public List<Pin> pins() {
        return new ArrayList<>(pins.values());
    }

    public boolean hasPins() {
        return !pins.isEmpty();
    }

    public Set<PinReason> reasons(BackendConnection connection) {
        Pin pin = pins.get(connection.pool().name());
        return pin == null || pin.connection() != connection ? Set.of() : pin.reasons();
    }

    public void pin(BackendConnection connection, PinReason reason) {
        Pin pin = pins.get(connection.pool().name());
        if (pin == null || pin.connection() != connection) {
            pin = new Pin(connection, EnumSet.noneOf(PinReason.class));
            pins.put(connection.pool().name(), pin);
        }
        pin.reasons().add(reason);
    }

    /** Removes one reason; true when the connection is no longer held and must go back to its pool. */
    public boolean unpin(BackendConnection connection, PinReason reason) {
        Pin pin = pins.get(connection.pool().name());
        if (pin == null || pin.connection() != connection) {
            return false;
        }
        pin.reasons().remove(reason);
        if (pin.reasons().isEmpty()) {
            pins.remove(connection.pool().name());
            return true;
        }
        return false;
    }

    /** Forgets a held connection entirely (after it was released or evicted). */
    public void dropPin(BackendConnection connection) {
        Pin pin = pins.get(connection.pool().name());
        if (pin != null && pin.connection() == connection) {
            pins.remove(connection.pool().name());
        }
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
        this.cancelRequested = false;
    }

    /**
     * Whether KILL QUERY asked to stop the running statement since the last call; read by the session's worker
     * while rows stream, when Statement.cancel() no longer acts (Connector/J cancels only while execute() runs).
     */
    public boolean takeCancelRequest() {
        if (!cancelRequested) {
            return false;
        }
        cancelRequested = false;
        return true;
    }

    /** KILL QUERY from another session: cancel what runs now, if anything. */
    public void cancelRunning() {
        Statement statement = running;
        if (statement != null) {
            cancelRequested = true;
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
