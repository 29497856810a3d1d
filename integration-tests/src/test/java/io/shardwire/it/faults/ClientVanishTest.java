package io.shardwire.it.faults;

import static io.shardwire.it.faults.FaultProxy.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shardwire.embedded.MariaDbCluster;
import io.shardwire.embedded.MariaDbServer;
import io.shardwire.it.harness.MariaDbBackends;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A client that disappears (process killed: an RST, no COM_QUIT) while the proxy works for it must not keep a
 * backend connection busy: the pool's active count falls back to 0 within seconds, the backend stops working
 * on the statement, and the proxy keeps serving other clients.
 */
@MariaDbBackends(count = 3)
class ClientVanishTest {
    private static final String DB = "fault_vanish";
    /**
     * 20 million rows of ~110 bytes: far more than socket buffers and the proxy's write buffer hold, and far
     * too many to read to the end (as a driver closing a streaming result does) within the deadline.
     */
    private static final String BIG_RESULT = "SELECT seq, REPEAT('x', 100) FROM seq_1_to_20000000";
    /** Generous: on an idle machine the connection is back in the pool in well under a second. */
    private static final Duration RELEASED_WITHIN = Duration.ofSeconds(60);
    /** Longer than {@link #RELEASED_WITHIN}: a statement that sleeps this long was not stopped. */
    private static final String LONG_SLEEP = "SELECT SLEEP(300)";

    private static MariaDbServer backend;
    private static FaultProxy proxy;

    @BeforeAll
    static void startProxy(MariaDbCluster cluster) throws Exception {
        backend = cluster.server(1);
        proxy = FaultProxy.start(backend, DB, "");
    }

    @AfterAll
    static void stopProxy() throws SQLException {
        if (proxy != null) {
            proxy.close();
        }
        try (Connection root = FaultProxy.rootConnection(backend); Statement s = root.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DB);
        }
    }

    @AfterEach
    void proxyStillServesNewClients() throws Exception {
        try (Connection c = proxy.connect(DB); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            assertTrue(rs.next());
            assertEquals(1, rs.getInt(1));
        }
    }

    @Test
    void rawClientResetMidResultReleasesTheBackendConnection() throws Exception {
        RawClient client = RawClient.login(proxy.port(), "app", "app", DB);
        client.command(0x03, BIG_RESULT.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        client.skip(256 * 1024);
        assertEquals(1.0, proxy.shardGauge("shardwire_backend_connections_active"), "the result holds one connection");
        client.resetAbruptly();

        assertReleased("SELECT seq");
    }

    @Test
    void streamingConnectorJClientAbortedMidResultReleasesTheBackendConnection() throws Exception {
        ExecutorService abortExecutor = Executors.newSingleThreadExecutor();
        try (Connection client = proxy.connect(DB);
             Statement s = client.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            s.setFetchSize(Integer.MIN_VALUE);
            try (ResultSet rs = s.executeQuery(BIG_RESULT)) {
                for (int i = 1; i <= 1000; i++) {
                    assertTrue(rs.next());
                    assertEquals(i, rs.getInt(1));
                }
                client.abort(abortExecutor);
            } catch (SQLException expected) {
                // closing the result set of an aborted connection complains; the client is gone either way
            }
        } catch (SQLException expected) {
            // as above, for the statement and the connection
        } finally {
            abortExecutor.shutdown();
        }

        assertReleased("SELECT seq");
    }

    @Test
    void clientResetDuringALongStatementReleasesTheBackendConnection() throws Exception {
        RawClient client = RawClient.login(proxy.port(), "app", "app", DB);
        client.command(0x03, LONG_SLEEP.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(eventually(RELEASED_WITHIN, () -> runningOnBackend(LONG_SLEEP) == 1), "the sleep runs");
        client.resetAbruptly();

        assertReleased(LONG_SLEEP);
    }

    @Test
    void clientResetInsideATransactionRollsItBackAndReleasesItsLocks() throws Exception {
        try (Connection setup = proxy.connect(DB); Statement s = setup.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS locked (id INT PRIMARY KEY) ENGINE=InnoDB");
            s.execute("DELETE FROM locked");
        }
        RawClient client = RawClient.login(proxy.port(), "app", "app", DB);
        assertTrue(client.query("START TRANSACTION").isOk());
        assertTrue(client.query("INSERT INTO locked VALUES (1)").isOk());
        assertEquals(1.0, proxy.shardGauge("shardwire_backend_connections_active"), "the transaction holds one");
        client.resetAbruptly();

        assertReleased("INSERT INTO locked");
        try (Connection other = proxy.connect(DB); Statement s = other.createStatement()) {
            s.execute("SET SESSION innodb_lock_wait_timeout = 5");
            s.execute("INSERT INTO locked VALUES (1)"); // neither blocked by a lock nor a duplicate
            s.execute("DROP TABLE locked");
        }
    }

    /** The proxy's pool has no active connection left and the backend no statement starting with {@code sql}. */
    private static void assertReleased(String sql) throws IOException, InterruptedException {
        assertTrue(eventually(RELEASED_WITHIN, () -> activeConnections() == 0),
                "backend connection still active " + RELEASED_WITHIN + " after the client left: "
                        + proxy.shardGauge("shardwire_backend_connections_active"));
        assertTrue(eventually(RELEASED_WITHIN, () -> runningOnBackend(sql) == 0), "the backend still runs " + sql);
        assertTrue(eventually(RELEASED_WITHIN, () -> proxy.sessions() == 0), "the proxy forgot the session");
    }

    private static double activeConnections() {
        try {
            return proxy.shardGauge("shardwire_backend_connections_active");
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static int runningOnBackend(String sql) {
        try {
            return proxy.backendQueriesStartingWith(sql);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
