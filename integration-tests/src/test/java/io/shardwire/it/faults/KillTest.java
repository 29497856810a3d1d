package io.shardwire.it.faults;

import static io.shardwire.it.faults.FaultProxy.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.mysql.cj.jdbc.JdbcConnection;
import io.shardwire.embedded.MariaDbCluster;
import io.shardwire.embedded.MariaDbServer;
import io.shardwire.it.harness.MariaDbBackends;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * KILL and KILL QUERY between proxy sessions, addressed by the proxy's own connection ids (the ids clients see
 * in the greeting, in CONNECTION_ID() and in SHOW PROCESSLIST through the proxy).
 */
@MariaDbBackends(count = 3)
class KillTest {
    private static final String DB = "fault_kill";
    /** Generous, for a machine busy with other work: a KILL takes effect in milliseconds. */
    private static final Duration NO_HANG = Duration.ofSeconds(30);
    /** Longer than any bound here: a statement that sleeps this long was not interrupted. */
    private static final String LONG_SLEEP = "SELECT SLEEP(300)";
    private static final ExecutorService CLIENT_THREADS = Executors.newVirtualThreadPerTaskExecutor();

    private static MariaDbServer backend;
    private static FaultProxy proxy;

    @BeforeAll
    static void startProxy(MariaDbCluster cluster) throws Exception {
        backend = cluster.server(0);
        proxy = FaultProxy.start(backend, DB, "");
    }

    @AfterAll
    static void stopProxy() throws SQLException {
        CLIENT_THREADS.shutdownNow();
        if (proxy != null) {
            proxy.close();
        }
        try (Connection root = FaultProxy.rootConnection(backend); Statement s = root.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DB);
        }
    }

    @Test
    void killQueryFromAnotherSessionCancelsARunningSleep() throws Exception {
        try (Connection sleeper = connect("app"); Connection killer = connect("app")) {
            long id = proxyId(sleeper);
            CompletableFuture<String> sleeping = async(sleeper, LONG_SLEEP);
            assertTrue(eventually(NO_HANG, () -> runningOnBackend(LONG_SLEEP)), "the sleep runs");

            execute(killer, "KILL QUERY " + id);
            // MariaDB ends an interrupted SLEEP() with 1; a statement interrupted elsewhere fails with 1317
            try {
                assertEquals("1", sleeping.get(NO_HANG.toSeconds(), TimeUnit.SECONDS));
            } catch (ExecutionException e) {
                assertEquals(1317, ((SQLException) e.getCause()).getErrorCode(), e.getCause().getMessage());
            }
            assertEquals("1", value(sleeper, "SELECT 1"), "the killed query's session goes on");
            assertEquals("1", value(killer, "SELECT 1"));
        }
    }

    /**
     * Bug: KILL QUERY did nothing to a statement whose rows were streaming to the client (Connector/J's
     * Statement.cancel() only acts while execute() runs, which has returned once rows flow), so a big result
     * kept flowing and holding its backend connection until its end.
     */
    @Test
    void killQueryStopsAResultThatIsStreamingToTheClient() throws Exception {
        Connection reader = connect("app");
        try (Connection killer = connect("app")) {
            Statement s = reader.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            s.setFetchSize(Integer.MIN_VALUE);
            // 20 million rows: reading them all takes minutes (and so would closing the result unread)
            ResultSet rs = s.executeQuery("SELECT seq, REPEAT('x', 100) FROM seq_1_to_20000000");
            for (int i = 1; i <= 1000; i++) {
                assertTrue(rs.next());
            }
            execute(killer, "KILL QUERY " + proxyId(reader));
            SQLException interrupted = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            try {
                while (rs.next() && System.nanoTime() < deadline) {
                    // the rows already on their way, then the interruption
                }
            } catch (SQLException e) {
                interrupted = e;
            }
            if (interrupted == null) {
                reader.abort(CLIENT_THREADS);
                fail("KILL QUERY did not interrupt the streaming result within 120 s");
            }
            assertEquals(1317, interrupted.getErrorCode(), interrupted.getMessage());
            assertEquals("1", value(reader, "SELECT 1"), "the session goes on");
            assertTrue(eventually(NO_HANG, () -> !runningOnBackend("SELECT seq")), "the backend stopped");
        } finally {
            reader.close();
        }
    }

    @Test
    void killQueryOfAnIdleSessionLeavesItWorking() throws Exception {
        try (Connection idle = connect("app"); Connection killer = connect("app")) {
            execute(killer, "KILL QUERY " + proxyId(idle));
            assertEquals("1", value(idle, "SELECT 1"));
        }
    }

    @Test
    void killClosesTheOtherSessionEvenMidStatementAndFreesItsBackendConnection() throws Exception {
        try (Connection victim = connect("app"); Connection killer = connect("app")) {
            long id = proxyId(victim);
            CompletableFuture<String> sleeping = async(victim, LONG_SLEEP);
            assertTrue(eventually(NO_HANG, () -> runningOnBackend(LONG_SLEEP)), "the sleep runs");

            execute(killer, "KILL " + id);
            ExecutionException gone = assertThrows(ExecutionException.class,
                    () -> sleeping.get(NO_HANG.toSeconds(), TimeUnit.SECONDS));
            assertTrue(gone.getCause() instanceof SQLException, String.valueOf(gone.getCause()));
            assertThrows(SQLException.class, () -> value(victim, "SELECT 1"), "the killed session is closed");
            assertTrue(eventually(NO_HANG, () -> !processList(killer).containsKey(id)), "gone from SHOW PROCESSLIST");
            assertTrue(eventually(NO_HANG, () -> !runningOnBackend(LONG_SLEEP)), "the sleep ended");
            assertEquals("1", value(killer, "SELECT 1"));
        }
    }

    @Test
    void killConnectionSyntaxAndComProcessKillCloseTheOtherSession() throws Exception {
        try (Connection victim = connect("app"); Connection killer = connect("app")) {
            execute(killer, "KILL CONNECTION " + proxyId(victim));
            assertThrows(SQLException.class, () -> value(victim, "SELECT 1"));
        }
        try (RawClient victim = RawClient.login(proxy.port(), "app", "app", DB);
             RawClient killer = RawClient.login(proxy.port(), "app", "app", DB)) {
            byte[] id = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) victim.greeting().connectionId())
                    .array();
            killer.command(0x0C, id);
            assertTrue(killer.read().isOk(), "COM_PROCESS_KILL answered OK");
            assertTrue(assertTimeoutPreemptively(NO_HANG, victim::closedByServer), "victim closed");
            assertEquals("1", killer.queryValue("SELECT 1"));
        }
    }

    @Test
    void killOfAnUnknownIdOrAnotherUsersSessionGetsErr1094() throws Exception {
        try (Connection app = connect("app"); Connection admin = connect("admin")) {
            SQLException unknown = assertThrows(SQLException.class, () -> execute(app, "KILL 987654321"));
            assertEquals(1094, unknown.getErrorCode(), unknown.getMessage());
            SQLException notYours = assertThrows(SQLException.class, () -> execute(app, "KILL QUERY " + proxyId(admin)));
            assertEquals(1094, notYours.getErrorCode(), notYours.getMessage());
            assertEquals("1", value(admin, "SELECT 1"));
            assertEquals("1", value(app, "SELECT 1"));
        }
    }

    @Test
    void showProcessListThroughTheProxyListsProxySessionsWithProxyIds() throws Exception {
        try (Connection first = connect("admin"); Connection second = connect("app")) {
            long firstId = proxyId(first);
            long secondId = proxyId(second);
            assertEquals(Long.toString(firstId), value(first, "SELECT CONNECTION_ID()"));
            assertEquals(Long.toString(secondId), value(second, "SELECT CONNECTION_ID()"));

            Map<Long, String[]> rows = processList(first);
            assertTrue(rows.containsKey(firstId) && rows.containsKey(secondId), "ids " + rows.keySet());
            assertEquals("admin", rows.get(firstId)[0]);
            assertEquals(DB, rows.get(firstId)[1]);
            assertEquals("Query", rows.get(firstId)[2], "the session asking runs a query");
            assertEquals("SHOW PROCESSLIST", rows.get(firstId)[3]);
            assertEquals("app", rows.get(secondId)[0]);
            assertEquals("Sleep", rows.get(secondId)[2]);
            assertEquals(java.util.Set.of(secondId), processList(second).keySet(),
                    "a user that is not admin sees its own sessions only, as without PROCESS on MySQL");
            for (long backendThread : backendThreadIds()) {
                assertTrue(!rows.containsKey(backendThread) || backendThread == firstId || backendThread == secondId,
                        "a backend thread id " + backendThread + " in the proxy's list: " + rows.keySet());
            }
        }
    }

    private static Connection connect(String user) throws SQLException {
        return DriverManager.getConnection(proxy.url(DB, "socketTimeout=30000"), user, user);
    }

    /** The connection id the proxy announced in its greeting. */
    private static long proxyId(Connection connection) throws SQLException {
        return connection.unwrap(JdbcConnection.class).getId();
    }

    /** SHOW PROCESSLIST through the proxy: id -> {User, db, Command, Info}. */
    private static Map<Long, String[]> processList(Connection connection) {
        Map<Long, String[]> rows = new HashMap<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SHOW PROCESSLIST")) {
            assertEquals("Id", rs.getMetaData().getColumnLabel(1));
            while (rs.next()) {
                rows.put(rs.getLong("Id"), new String[] {rs.getString("User"), rs.getString("db"),
                    rs.getString("Command"), rs.getString("Info")});
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        return rows;
    }

    private static java.util.List<Long> backendThreadIds() throws SQLException {
        java.util.List<Long> ids = new java.util.ArrayList<>();
        try (Connection root = FaultProxy.rootConnection(backend); Statement s = root.createStatement();
             ResultSet rs = s.executeQuery("SELECT ID FROM information_schema.PROCESSLIST")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    private static CompletableFuture<String> async(Connection connection, String sql) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return value(connection, sql);
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        }, CLIENT_THREADS);
    }

    private static boolean runningOnBackend(String sql) {
        try {
            return proxy.backendQueriesStartingWith(sql) > 0;
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    private static String value(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), "a row from " + sql);
            return rs.getString(1);
        }
    }
}
