package io.shardwire.it.faults;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shardwire.embedded.MariaDbCluster;
import io.shardwire.embedded.MariaDbServer;
import io.shardwire.it.harness.MariaDbBackends;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Packets of 16 MiB and more (MySQL "Sending More Than 16Mb": split into 0xFFFFFF-byte chunks) in both
 * directions through the proxy: a 17 MiB blob inserted with Connector/J, as a text query and as a binary
 * protocol COM_STMT_EXECUTE, and read back byte for byte. Raises
 * the backend's max_allowed_packet for the test and restores it.
 */
@MariaDbBackends(count = 3)
class LargePacketTest {
    private static final String DB = "fault_large";
    private static final int BLOB_BYTES = 17 * 1024 * 1024;

    private static MariaDbServer backend;
    private static long backendMaxAllowedPacket;
    private static FaultProxy proxy;

    @BeforeAll
    static void raiseLimits(MariaDbCluster cluster) throws Exception {
        backend = cluster.server(1);
        // a proxy that talked to the backend before its limit was raised, as one running before a backend
        // restart with a new configuration would have
        try (FaultProxy before = FaultProxy.start(backend, DB, "");
             Connection c = before.connect(DB); Statement s = c.createStatement()) {
            s.execute("SELECT 1");
        }
        try (Connection root = FaultProxy.rootConnection(backend); Statement s = root.createStatement();
             ResultSet rs = s.executeQuery("SELECT @@GLOBAL.max_allowed_packet")) {
            rs.next();
            backendMaxAllowedPacket = rs.getLong(1);
            s.execute("SET GLOBAL max_allowed_packet = " + 64 * 1024 * 1024);
        }
        // started after the change, so that its backend connections get the new limit
        proxy = FaultProxy.start(backend, DB, "max_allowed_packet: 64M");
    }

    @AfterAll
    static void restoreLimits() throws SQLException {
        if (proxy != null) {
            proxy.close();
        }
        try (Connection root = FaultProxy.rootConnection(backend); Statement s = root.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DB);
            s.execute("SET GLOBAL max_allowed_packet = " + backendMaxAllowedPacket);
        }
    }

    /**
     * Bug: the proxy's backend connections kept the max_allowed_packet of the first connection any proxy in
     * the JVM made to that backend (Connector/J's cacheServerConfiguration), and refused a 17 MiB query the
     * backend itself now allows.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"useServerPrepStmts=false", "useServerPrepStmts=true"})
    void blobOf17MiBGoesInWithAMultiChunkPacketAndComesBackIntact(String protocol) throws Exception {
        byte[] blob = new byte[BLOB_BYTES];
        new Random(17).nextBytes(blob); // every byte value: most are not valid UTF-8
        byte[] sha256 = MessageDigest.getInstance("SHA-256").digest(blob);

        try (Connection c = DriverManager.getConnection(proxy.url(DB, protocol + "&socketTimeout=120000"), "app", "app");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS blobs (id INT PRIMARY KEY, b LONGBLOB)");
            s.execute("DELETE FROM blobs");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO blobs VALUES (1, ?)")) {
                insert.setBytes(1, blob);
                assertEquals(1, insert.executeUpdate());
            }
            // checked on the backend first: the way in, apart from the way out
            try (ResultSet rs = s.executeQuery("SELECT LENGTH(b), SHA2(b, 256) FROM blobs WHERE id = 1")) {
                assertTrue(rs.next());
                assertEquals(BLOB_BYTES, rs.getLong(1));
                assertEquals(HexFormat.of().formatHex(sha256), rs.getString(2), "the blob as stored on the backend");
            }
            try (ResultSet rs = s.executeQuery("SELECT b FROM blobs WHERE id = 1")) {
                assertTrue(rs.next());
                byte[] back = rs.getBytes(1);
                assertEquals(BLOB_BYTES, back.length);
                assertArrayEquals(sha256, MessageDigest.getInstance("SHA-256").digest(back), "the blob read back");
            }
            s.execute("DROP TABLE blobs");
        }
    }

    /**
     * Bug: a query the proxy accepts but the backend's (smaller) max_allowed_packet does not was reported as
     * "backend s0 is unavailable" (1105); now it is ER_NET_PACKET_TOO_LARGE (1153) as from MySQL, and the
     * client's session goes on.
     */
    @Test
    void queryOverTheBackendsMaxAllowedPacketGetsErr1153AndTheSessionGoesOn(MariaDbCluster cluster) throws Exception {
        MariaDbServer smallLimit = cluster.server(0);
        long limit;
        try (Connection root = FaultProxy.rootConnection(smallLimit); Statement s = root.createStatement();
             ResultSet rs = s.executeQuery("SELECT @@GLOBAL.max_allowed_packet")) {
            rs.next();
            limit = rs.getLong(1);
        }
        try (FaultProxy bigLimit = FaultProxy.start(smallLimit, DB, "max_allowed_packet: 64M");
             RawClient client = RawClient.login(bigLimit.port(), "app", "app", DB)) {
            String sql = "SELECT LENGTH('" + "c".repeat(Math.toIntExact(limit) + 1024) + "')";
            RawClient.Packet answer = client.query(sql); // more than 16 MiB: sent in several chunks
            assertEquals(1153, answer.errorCode(), answer.describe());
            assertTrue(answer.errorMessage().contains("max_allowed_packet"), answer.describe());
            assertEquals("1", client.queryValue("SELECT 1"), "the session goes on");
        } finally {
            try (Connection root = FaultProxy.rootConnection(smallLimit); Statement s = root.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + DB);
            }
        }
    }
}
