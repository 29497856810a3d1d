package io.shardwire.it.clients;

import static io.shardwire.it.clients.DriverView.query;
import static io.shardwire.it.clients.DriverView.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.shardwire.embedded.MariaDbCluster;
import io.shardwire.it.harness.MariaDbBackends;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Session state with Connector/J when client sessions share a small pool of backend connections: session
 * variables, user variables and temporary tables must follow the client session from statement to statement,
 * and never leak into another one. The proxy gets fewer backend connections than there are clients.
 */
@MariaDbBackends(count = 3)
class ConnectorJSessionStateTest {
    private static final int SESSIONS = 8;
    private static Endpoints db;

    @BeforeAll
    static void start(MariaDbCluster cluster) throws Exception {
        db = Endpoints.start(cluster, "it_cj_state", "backend_pool_size: 3");
    }

    @AfterAll
    static void stop() throws SQLException {
        if (db != null) {
            db.close();
        }
    }

    /**
     * Eight sessions, each with its own time_zone and sql_mode, interleave statements over three backend
     * connections; every statement must see its own session's settings.
     */
    @Test
    void sessionVariablesFollowEachOfEightConcurrentSessions() throws Exception {
        try (Connection c = db.proxyCj(""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE tz_rows (session INT, round INT, ts TIMESTAMP(6) NULL, PRIMARY KEY (session, round))");
        }
        CountDownLatch ready = new CountDownLatch(SESSIONS);
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < SESSIONS; i++) {
            int session = i;
            tasks.add(() -> {
                runSession(session, ready);
                return null;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(SESSIONS);
        try {
            for (Future<Void> result : pool.invokeAll(tasks, 60, TimeUnit.SECONDS)) {
                result.get();
            }
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = db.proxyCj(""); Statement s = c.createStatement()) {
            // read back in UTC: each session stored local midnight of its own zone
            s.execute("SET time_zone = '+00:00'");
            for (int i = 0; i < SESSIONS; i++) {
                String expected = LocalDateTime.of(2024, 1, 1, 0, 0).minusHours(i + 1).toString().replace('T', ' ');
                assertEquals(expected + ":00.000000", scalar(s, "SELECT CAST(MIN(ts) AS CHAR) FROM tz_rows WHERE session = " + i),
                        "session " + i + " stored its local time in its own time zone");
            }
            s.execute("DROP TABLE tz_rows");
        }
    }

    private static void runSession(int session, CountDownLatch ready) throws Exception {
        String zone = ZoneOffset.ofHours(session + 1).getId();
        boolean pipes = session % 2 == 0;
        String mode = pipes ? "PIPES_AS_CONCAT,STRICT_TRANS_TABLES" : "ANSI_QUOTES,ERROR_FOR_DIVISION_BY_ZERO";
        try (Connection c = db.proxyCj(""); Statement s = c.createStatement()) {
            s.execute("SET time_zone = '" + zone + "', sql_mode = '" + mode + "'");
            ready.countDown();
            ready.await(30, TimeUnit.SECONDS);
            for (int round = 0; round < 25; round++) {
                String where = "session " + session + " round " + round;
                List<List<String>> row = query(s, "SELECT @@session.time_zone, @@session.sql_mode,"
                        + " TIMESTAMPDIFF(MINUTE, UTC_TIMESTAMP(), NOW()), 'a' || 'b'");
                assertEquals(List.of(zone, mode, Integer.toString(60 * (session + 1)), pipes ? "ab" : "0"),
                        row.get(0), where);
                s.executeUpdate("INSERT INTO tz_rows VALUES (" + session + ", " + round + ", '2024-01-01 00:00:00')");
                assertEquals("2024-01-01 00:00:00.000000", scalar(s, "SELECT CAST(ts AS CHAR) FROM tz_rows WHERE session = "
                        + session + " AND round = " + round), where + ": TIMESTAMP read back in the same zone");
                long expectedEpoch = LocalDateTime.of(2024, 1, 1, 0, 0).toEpochSecond(ZoneOffset.ofHours(session + 1));
                assertEquals(Long.toString(expectedEpoch), scalar(s, "SELECT UNIX_TIMESTAMP(ts) DIV 1 FROM tz_rows WHERE"
                        + " session = " + session + " AND round = " + round), where + ": stored as UTC");
            }
        }
    }

    @Test
    void userVariablesPersistInTheirSessionOnly() throws SQLException {
        try (Connection c = db.proxyCj(""); Connection other = db.proxyCj("");
             Statement s = c.createStatement(); Statement o = other.createStatement()) {
            s.execute("SET @x = 5, @name = 'ünïcode 😀'");
            assertEquals("5", scalar(o, "SELECT 5"));
            assertEquals(List.of(List.of("5", "ünïcode 😀")), query(s, "SELECT @x, @name"));
            assertEquals("10", scalar(s, "SELECT @y := @x * 2"));
            assertEquals("11", scalar(s, "SELECT @y + 1"));
            s.execute("SELECT 3 INTO @z");
            assertEquals("3", scalar(s, "SELECT @z"));
            assertEquals(List.of(Arrays.asList(null, null, null)), query(o, "SELECT @x, @y, @z"), "other session");
            for (int i = 0; i < 5; i++) {
                assertEquals(Integer.toString(5 + i), scalar(s, "SELECT @x"), "round " + i);
                s.execute("SET @x = @x + 1");
                assertNull(scalar(o, "SELECT @x"));
            }
        }
        try (Connection later = db.proxyCj(""); Statement s = later.createStatement()) {
            assertNull(scalar(s, "SELECT @x"), "a new session starts without the old session's variables");
        }
    }

    @Test
    void temporaryTablesAreVisibleToTheirSessionOnly() throws SQLException {
        try (Connection c = db.proxyCj(""); Connection other = db.proxyCj("");
             Statement s = c.createStatement(); Statement o = other.createStatement()) {
            s.execute("CREATE TEMPORARY TABLE tmp_rows (id INT PRIMARY KEY, v VARCHAR(10))");
            s.execute("INSERT INTO tmp_rows VALUES (1, 'one'), (2, 'two')");
            for (int i = 0; i < 5; i++) {
                assertEquals("1", scalar(o, "SELECT 1"));
                assertEquals("2", scalar(s, "SELECT COUNT(*) FROM tmp_rows"), "round " + i);
                SQLException e = assertThrows(SQLException.class, () -> o.executeQuery("SELECT * FROM tmp_rows"));
                assertEquals(1146, e.getErrorCode(), e.getMessage());
            }
            s.execute("UPDATE tmp_rows SET v = 'uno' WHERE id = 1");
            assertEquals(List.of(List.of("1", "uno"), List.of("2", "two")), query(s, "SELECT * FROM tmp_rows ORDER BY id"));
            s.execute("DROP TEMPORARY TABLE tmp_rows");
            assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM tmp_rows"));
            s.execute("CREATE TEMPORARY TABLE tmp_kept (id INT)");
        }
        try (Connection later = db.proxyCj(""); Statement s = later.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM tmp_kept"));
            assertEquals(1146, e.getErrorCode(), "a closed session's temporary table is gone: " + e.getMessage());
        }
    }

    /**
     * A session that holds its backend connection (user variables, a temporary table) when it begins a
     * transaction: that connection must join the transaction, or ROLLBACK finds nothing to undo.
     */
    @Test
    void rollbackUndoesWritesOfASessionHoldingItsConnectionSinceBeforeBegin() throws SQLException {
        try (Connection c = db.proxyCj(""); Connection other = db.proxyCj("");
             Statement s = c.createStatement(); Statement o = other.createStatement()) {
            s.execute("CREATE TABLE held_tx (id INT PRIMARY KEY)");
            s.execute("INSERT INTO held_tx VALUES (1)");
            s.execute("SET @held = 1");
            s.execute("START TRANSACTION");
            s.execute("DELETE FROM held_tx");
            s.execute("INSERT INTO held_tx VALUES (2)");
            assertEquals("1", scalar(o, "SELECT COUNT(*) FROM held_tx WHERE id = 1"), "uncommitted delete");
            s.execute("ROLLBACK");
            assertEquals(List.of(List.of("1")), query(o, "SELECT id FROM held_tx"), "rolled back (user variable)");

            s.execute("CREATE TEMPORARY TABLE held_tmp (id INT)");
            c.setAutoCommit(false);
            s.execute("INSERT INTO held_tx VALUES (3)");
            c.rollback();
            c.setAutoCommit(true);
            s.execute("BEGIN");
            s.execute("INSERT INTO held_tx VALUES (4)");
            s.execute("ROLLBACK");
            assertEquals(List.of(List.of("1")), query(o, "SELECT id FROM held_tx"), "rolled back (temporary table)");
            assertEquals("1", scalar(s, "SELECT @held"));
            s.execute("DROP TABLE held_tx");
        }
    }
}
