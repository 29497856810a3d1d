package io.shardwire.it.faults;

import static io.shardwire.it.faults.FaultProxy.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shardwire.embedded.MariaDbCluster;
import io.shardwire.embedded.MariaDbServer;
import io.shardwire.it.harness.MariaDbBackends;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Many clients at once over a pool much smaller than their number, and the max_connections limit. */
@MariaDbBackends(count = 3)
class ManyConnectionsTest {
    private static final String DB = "fault_many";
    private static final int CLIENTS = 200;
    /** Generous, for a machine busy with other work: on an idle one all 200 are done in a few seconds. */
    private static final Duration NO_HANG = Duration.ofSeconds(180);

    private static MariaDbServer backend;

    @BeforeAll
    static void prepare(MariaDbCluster cluster) {
        backend = cluster.server(1);
    }

    @AfterAll
    static void dropDatabase() throws SQLException {
        try (Connection root = FaultProxy.rootConnection(backend); Statement s = root.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DB);
        }
    }

    @Test
    void twoHundredClientsConnectedAtOnceAllSucceedOverAPoolOf32() throws Exception {
        try (FaultProxy proxy = FaultProxy.start(backend, DB, "backend_pool_size: 32");
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            try (Connection c = connect(proxy); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS many (id INT PRIMARY KEY, session BIGINT, n INT)");
                s.execute("DELETE FROM many");
            }
            CountDownLatch allConnected = new CountDownLatch(CLIENTS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Long>> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                int id = i;
                clients.add(threads.submit(() -> {
                    try (Connection c = connect(proxy); Statement s = c.createStatement()) {
                        allConnected.countDown();
                        assertTrue(go.await(NO_HANG.toSeconds(), TimeUnit.SECONDS));
                        long session = Long.parseLong(value(s, "SELECT CONNECTION_ID()"));
                        s.execute("INSERT INTO many VALUES (" + id + ", " + session + ", 1)");
                        s.execute("UPDATE many SET n = n + 1 WHERE id = " + id);
                        s.execute("START TRANSACTION");
                        s.execute("UPDATE many SET n = n + 1 WHERE id = " + id);
                        s.execute("COMMIT");
                        assertEquals("3", value(s, "SELECT n FROM many WHERE id = " + id));
                        return session;
                    }
                }));
            }
            long deadline = System.nanoTime() + NO_HANG.toNanos();
            while (!allConnected.await(1, TimeUnit.SECONDS)) {
                for (Future<Long> client : clients) {
                    if (client.isDone()) {
                        client.get(); // a client that failed to connect: its exception fails the test
                    }
                }
                assertTrue(System.nanoTime() < deadline, "clients still connecting after " + NO_HANG);
            }
            // the set-up session above may still be on its way out
            assertTrue(eventually(NO_HANG, () -> proxy.sessions() == CLIENTS), "all sessions open at once: "
                    + proxy.sessions());
            go.countDown();

            Set<Long> sessions = new HashSet<>();
            for (Future<Long> client : clients) {
                sessions.add(client.get(NO_HANG.toSeconds(), TimeUnit.SECONDS));
            }
            assertEquals(CLIENTS, sessions.size(), "distinct proxy connection ids");
            try (Connection c = connect(proxy); Statement s = c.createStatement()) {
                assertEquals(CLIENTS + "|" + 3 * CLIENTS,
                        value(s, "SELECT CONCAT(COUNT(*), '|', SUM(n)) FROM many"));
                s.execute("DROP TABLE many");
            }
            assertTrue(eventually(NO_HANG, () -> proxy.sessions() == 0), "sessions left: " + proxy.sessions());
            assertTrue(proxy.shardGauge("shardwire_backend_connections_active") == 0.0, "pool connections in use");
            assertTrue(proxy.shardGauge("shardwire_backend_connections_idle") <= 32, "the pool stayed within its size");
        }
    }

    @Test
    void theConnectionPastMaxConnectionsGetsErr1040() throws Exception {
        try (FaultProxy proxy = FaultProxy.start(backend, DB, "max_connections: 5")) {
            List<Connection> open = new ArrayList<>();
            try {
                for (int i = 0; i < 5; i++) {
                    open.add(connect(proxy));
                }
                SQLException refused = assertThrows(SQLException.class, () -> connect(proxy).close());
                assertEquals(1040, refused.getErrorCode(), refused.getMessage());
                for (Connection c : open) {
                    try (Statement s = c.createStatement()) {
                        assertEquals("1", value(s, "SELECT 1"), "the five admitted still work");
                    }
                }
                open.remove(0).close();
                assertTrue(eventually(NO_HANG, () -> proxy.sessions() == 4));
                open.add(connect(proxy));
            } finally {
                for (Connection c : open) {
                    c.close();
                }
            }
        }
    }

    /**
     * Bug: max_connections counted logged-in sessions only when greeting, so clients that connected at the
     * same moment were all admitted once they logged in.
     */
    @Test
    void maxConnectionsHoldsForClientsThatConnectAtTheSameTime() throws Exception {
        try (FaultProxy proxy = FaultProxy.start(backend, DB, "max_connections: 5")) {
            List<RawClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    RawClient c = RawClient.connect(proxy.port());
                    clients.add(c);
                    c.readGreeting(); // eight greeted, none logged in yet
                }
                int admitted = 0;
                for (RawClient c : clients) {
                    c.send(1, c.handshakeResponse("app", "app", DB));
                    RawClient.Packet answer = c.read();
                    if (answer.isOk()) {
                        admitted++;
                    } else {
                        assertEquals(1040, answer.errorCode(), answer.describe());
                    }
                }
                assertEquals(5, admitted, "logins admitted with max_connections: 5");
                assertEquals(5, proxy.sessions());
            } finally {
                for (RawClient c : clients) {
                    c.close();
                }
            }
        }
    }

    private static Connection connect(FaultProxy proxy) throws SQLException {
        return DriverManager.getConnection(proxy.url(DB, "socketTimeout=180000"), "app", "app");
    }

    private static String value(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), "a row from " + sql);
            return rs.getString(1);
        }
    }
}
