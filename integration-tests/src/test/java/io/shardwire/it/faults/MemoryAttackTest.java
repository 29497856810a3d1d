package io.shardwire.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shardwire.embedded.MariaDbCluster;
import io.shardwire.it.harness.MariaDbBackends;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The memory attacks of the security issue, against a real proxy with a victim client running point selects
 * throughout: each attack gets a clear error or a closed socket in bounded time, and the victim keeps being
 * answered. Before the defences, 24 unauthenticated sockets announcing 16 MiB packets were each buffered (1 GB of
 * direct memory), a half-sent packet was held for ever, and 16 MB IN lists exhausted the heap.
 */
@MariaDbBackends(count = 1)
class MemoryAttackTest {
    private static final String DB = "fault_memory";
    private static FaultProxy proxy;

    @BeforeAll
    static void start(MariaDbCluster cluster) throws Exception {
        proxy = FaultProxy.start(cluster.server(0), DB, """
                max_allowed_packet: 64M
                net_read_timeout_ms: 1500
                statement_memory_budget: 100M
                client_packet_budget: 48M""");
        try (Connection c = proxy.connect(DB); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS customers (id INT PRIMARY KEY, name VARCHAR(20))");
            s.execute("REPLACE INTO customers VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        }
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    /** Point selects on one connection until stopped; the slowest answer in milliseconds, or a failure. */
    private static final class Victim implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Long> millis = Collections.synchronizedList(new ArrayList<>());
        private final ExecutorService thread = Executors.newSingleThreadExecutor();
        private final Future<?> work;

        Victim() {
            work = thread.submit(() -> {
                try (Connection c = proxy.connect(DB); Statement s = c.createStatement()) {
                    while (running.get()) {
                        long start = System.nanoTime();
                        try (ResultSet rs = s.executeQuery("SELECT name FROM customers WHERE id = 2")) {
                            rs.next();
                            assertEquals("b", rs.getString(1));
                        }
                        millis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
                        Thread.sleep(5);
                    }
                }
                return null;
            });
        }

        /** Stops and returns the 99th percentile of the victim's latencies. */
        long p99() throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (millis.size() < 20 && System.nanoTime() < deadline && !work.isDone()) {
                Thread.sleep(20);
            }
            running.set(false);
            work.get(30, TimeUnit.SECONDS);
            List<Long> sorted = new ArrayList<>(millis);
            Collections.sort(sorted);
            assertTrue(sorted.size() > 10, "the victim ran " + sorted.size() + " queries");
            return sorted.get((int) (sorted.size() * 0.99));
        }

        @Override
        public void close() {
            running.set(false);
            thread.shutdownNow();
        }
    }

    @Test
    void unauthenticatedSocketsCannotMakeTheProxyBufferBigPackets() throws Exception {
        try (Victim victim = new Victim()) {
            List<RawClient> attackers = new ArrayList<>();
            try {
                for (int i = 0; i < 24; i++) {
                    RawClient attacker = RawClient.connect(proxy.port(), 5000);
                    attacker.readGreeting();
                    OutputStream out = attacker.socket().getOutputStream();
                    out.write(RawClient.header(16 * 1024 * 1024 - 1, 1));
                    out.write(new byte[64 * 1024]);
                    out.flush();
                    attackers.add(attacker);
                }
                for (RawClient attacker : attackers) {
                    assertTrue(attacker.closedByServer(), "a login-sized limit closes the socket at once");
                }
            } finally {
                for (RawClient attacker : attackers) {
                    attacker.close();
                }
            }
            long p99 = victim.p99();
            assertTrue(p99 < 1000, "victim p99 " + p99 + " ms");
        }
    }

    @Test
    void aHalfSentPacketEndsItsConnectionAfterTheReadTimeout() throws Exception {
        try (RawClient client = RawClient.login(proxy.port(), "app", "app", DB)) {
            client.socket().setSoTimeout(10_000);
            OutputStream out = client.socket().getOutputStream();
            out.write(RawClient.header(4 * 1024 * 1024, 0));
            out.write(new byte[1024 * 1024]);
            out.flush();
            long start = System.nanoTime();
            RawClient.Packet answer = client.read();
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(answer.isErr() && answer.errorCode() == 1159, answer.describe());
            assertTrue(waited >= 1000 && waited < 6000, "closed after " + waited + " ms");
            assertTrue(client.closedByServer());
        }
    }

    @Test
    void packetsBeyondTheSharedBudgetAreRefusedOneConnectionAtATime() throws Exception {
        List<RawClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                clients.add(RawClient.login(proxy.port(), "app", "app", DB));
            }
            // each announces 16 MB and sends 1 MB: two hold 32 of the 48 MB budget while the rest is on its way
            for (RawClient client : clients) {
                OutputStream out = client.socket().getOutputStream();
                out.write(RawClient.header(0xFFFFFF, 0));
                out.write(new byte[1024 * 1024]);
                out.flush();
                Thread.sleep(200);
            }
            RawClient third = clients.get(2);
            third.socket().setSoTimeout(5000);
            RawClient.Packet refused = third.read();
            assertTrue(refused.isErr() && refused.errorCode() == 1041, refused.describe());
            assertTrue(refused.errorMessage().contains("client_packet_budget"), refused.errorMessage());
        } finally {
            for (RawClient client : clients) {
                client.close();
            }
        }
        try (Connection c = proxy.connect(DB); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            assertTrue(rs.next(), "the budget is given back when the connections go");
        }
    }

    @Test
    void hugeInListsAreRefusedWithAClearErrorWhileOthersAreServed() throws Exception {
        try (Victim victim = new Victim()) {
            ExecutorService attackers = Executors.newFixedThreadPool(3);
            List<Future<SQLException>> results = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                results.add(attackers.submit(() -> {
                    // 15 MB: Connector/J takes the backend's max_allowed_packet (16 MB) as its own limit
                    try (Connection c = proxy.connect(DB); Statement s = c.createStatement()) {
                        s.executeQuery(inList(15 * 1024 * 1024)).close();
                        return null;
                    } catch (SQLException e) {
                        return e;
                    }
                }));
            }
            for (Future<SQLException> result : results) {
                SQLException e = result.get(60, TimeUnit.SECONDS);
                assertTrue(e != null && e.getErrorCode() == 1041, String.valueOf(e));
                assertTrue(e.getMessage().contains("statement_memory_budget"), e.getMessage());
            }
            attackers.shutdown();
            long p99 = victim.p99();
            assertTrue(p99 < 1000, "victim p99 " + p99 + " ms");
        }
        // a statement within the budget is answered, and correctly
        try (Connection c = proxy.connect(DB); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(inList(100 * 1024))) {
            rs.next();
            assertEquals(3, rs.getInt(1));
        }
    }

    /** {@code SELECT COUNT(*) FROM customers WHERE id IN (1,2,3,4,...)} of about {@code bytes} bytes. */
    private static String inList(int bytes) {
        StringBuilder sql = new StringBuilder(bytes + 32).append("SELECT COUNT(*) FROM customers WHERE id IN (1,2,3");
        while (sql.length() < bytes) {
            sql.append(",4");
        }
        return sql.append(')').toString();
    }
}
