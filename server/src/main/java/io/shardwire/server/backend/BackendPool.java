package io.shardwire.server.backend;

import com.mysql.cj.jdbc.JdbcConnection;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The HikariCP pool of one backend server. Connections are opened with utf8mb4 and no default schema;
 * sessions borrow one per statement (or per transaction) and bring its state in line first.
 */
public final class BackendPool implements AutoCloseable {
    private final String name;
    private final BackendAddress address;
    private final long connectTimeoutMillis;
    /** Connections with CLIENT_FOUND_ROWS, what Connector/J and MariaDB Connector/J clients ask for by default. */
    private final HikariDataSource dataSource;
    /** Connections without it, for clients that did not ask for it (the mariadb CLI, most non-Java drivers). */
    private final HikariDataSource affectedRowsDataSource;
    private volatile boolean up = true;
    /** Applied state per physical connection; weak so that connections Hikari retires drop out. */
    private final Map<JdbcConnection, AppliedState> applied = Collections.synchronizedMap(new WeakHashMap<>());

    /** @param registry where HikariCP publishes its pool meters (hikaricp_connections_*, tagged by pool name) */
    public BackendPool(String name, BackendAddress address, int maxSize, long connectTimeoutMillis, MeterRegistry registry) {
        this.name = name;
        this.address = address;
        this.connectTimeoutMillis = Math.max(250, connectTimeoutMillis);
        this.dataSource = dataSource(name, address, maxSize, connectTimeoutMillis, false, registry);
        this.affectedRowsDataSource = dataSource(name + "-affected-rows", address, maxSize, connectTimeoutMillis, true, registry);
    }

    /**
     * @param useAffectedRows open connections without CLIENT_FOUND_ROWS: the capability is fixed at connect, and
     *     UPDATE counts (and ROW_COUNT()) must follow what the client asked for in its own handshake
     */
    private static HikariDataSource dataSource(String name, BackendAddress address, int maxSize,
                                               long connectTimeoutMillis, boolean useAffectedRows, MeterRegistry registry) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("shardwire-" + name);
        config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        config.setJdbcUrl("jdbc:mysql://" + address.host() + ":" + address.port() + "/");
        config.setUsername(address.user());
        config.setPassword(address.password());
        config.setMaximumPoolSize(maxSize);
        config.setMinimumIdle(useAffectedRows ? 0 : Math.min(2, maxSize));
        config.setConnectionTimeout(Math.max(250, connectTimeoutMillis));
        config.setValidationTimeout(Math.max(250, Math.min(connectTimeoutMillis, 5000)));
        config.setInitializationFailTimeout(-1);
        config.setAutoCommit(true);
        config.addDataSourceProperty("sslMode", "DISABLED");
        config.addDataSourceProperty("allowPublicKeyRetrieval", "true");
        config.addDataSourceProperty("characterEncoding", "UTF-8");
        // Connector/J would otherwise set character_set_results = NULL, and clients that set nothing (the mariadb
        // CLI) would get each column in its own charset (latin1 bytes for a latin1 column) instead of utf8
        config.addDataSourceProperty("characterSetResults", "UTF-8");
        config.addDataSourceProperty("connectionCollation", "utf8mb4_general_ci");
        config.addDataSourceProperty("useAffectedRows", Boolean.toString(useAffectedRows));
        config.addDataSourceProperty("useServerPrepStmts", "false");
        config.addDataSourceProperty("useLocalSessionState", "true");
        config.addDataSourceProperty("useLocalTransactionState", "true");
        config.addDataSourceProperty("elideSetAutoCommits", "true");
        // no cacheServerConfiguration: it keeps the server variables (max_allowed_packet among them) of the first
        // connection to this address for the life of the JVM, past a backend restart with a new configuration
        config.addDataSourceProperty("maintainTimeStats", "false");
        config.addDataSourceProperty("connectTimeout", String.valueOf(Math.max(250, connectTimeoutMillis)));
        config.addDataSourceProperty("tcpKeepAlive", "true");
        // streaming results would otherwise wrap every statement in two SET net_write_timeout round trips
        config.addDataSourceProperty("netTimeoutForStreamingResults", "0");
        config.addDataSourceProperty("connectionAttributes", "program_name:shardwire");
        return new HikariDataSource(config);
    }

    public String name() {
        return name;
    }

    public BackendAddress address() {
        return address;
    }

    /** A connection that counts found rows in UPDATE results, as Connector/J clients expect by default. */
    public BackendConnection borrow() throws SQLException {
        return borrow(true);
    }

    /** @param foundRows whether the client's handshake had CLIENT_FOUND_ROWS */
    public BackendConnection borrow(boolean foundRows) throws SQLException {
        HikariDataSource source = foundRows ? dataSource : affectedRowsDataSource;
        Connection connection;
        try {
            connection = source.getConnection();
            up = true;
        } catch (SQLException e) {
            up = false;
            throw e;
        }
        try {
            JdbcConnection physical = connection.unwrap(JdbcConnection.class);
            AppliedState state = applied.computeIfAbsent(physical, c -> new AppliedState());
            return new BackendConnection(this, connection, physical, state, foundRows);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Returns a healthy connection to the pool. */
    public void release(BackendConnection connection) {
        try {
            connection.jdbc().close();
        } catch (SQLException e) {
            evict(connection);
        }
    }

    /** Closes the physical connection: its state (a transaction, locks, temp tables) must not reach another session. */
    public void evict(BackendConnection connection) {
        try {
            (connection.foundRows() ? dataSource : affectedRowsDataSource).evictConnection(connection.jdbc());
        } catch (RuntimeException e) {
            // already closed or not from this pool: nothing left to evict
        }
    }

    /**
     * A connection of this pool broke (the backend went away or restarted): the idle ones were opened before
     * the same failure, so they go too, instead of failing one client statement each once the backend is back.
     * Connections in use are closed when they come back.
     */
    public void connectionLost() {
        for (HikariDataSource source : new HikariDataSource[] {dataSource, affectedRowsDataSource}) {
            if (source.getHikariPoolMXBean() != null) {
                source.getHikariPoolMXBean().softEvictConnections();
            }
        }
    }

    /**
     * KILL QUERY for what a borrowed connection runs, over a connection of its own: the pool's may all be busy.
     * The caller owns {@code connection}, so the statement killed is its own.
     */
    public void killQuery(BackendConnection connection) throws SQLException {
        long threadId = connection.jdbc().unwrap(JdbcConnection.class).getId();
        try (Connection c = DriverManager.getConnection(address.oneOffUrl(connectTimeoutMillis, 0), address.user(),
                address.password());
             Statement s = c.createStatement()) {
            s.execute("KILL QUERY " + threadId);
        }
    }

    /** Asks the server for its version string, e.g. {@code 10.11.18-MariaDB-0+deb12u1}. */
    public String serverVersion() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT VERSION()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Whether the last attempt to get a connection from this backend succeeded. */
    public boolean isUp() {
        return up;
    }

    public int activeConnections() {
        return active(dataSource) + active(affectedRowsDataSource);
    }

    public int idleConnections() {
        return idle(dataSource) + idle(affectedRowsDataSource);
    }

    private static int active(HikariDataSource source) {
        return source.getHikariPoolMXBean() == null ? 0 : source.getHikariPoolMXBean().getActiveConnections();
    }

    private static int idle(HikariDataSource source) {
        return source.getHikariPoolMXBean() == null ? 0 : source.getHikariPoolMXBean().getIdleConnections();
    }

    @Override
    public void close() {
        dataSource.close();
        affectedRowsDataSource.close();
    }
}
