package io.shardwire.it.prepared;

import static io.shardwire.it.prepared.ResultSets.assertSameResults;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.shardwire.embedded.MariaDbCluster;
import io.shardwire.embedded.MariaDbServer;
import io.shardwire.it.harness.MariaDbBackends;
import io.shardwire.it.harness.ProxyUnderTest;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MariaDB Connector/J with {@code useServerPrepStmts=true} through the proxy, compared with the same driver on a
 * direct connection. The proxy announces no MariaDB capabilities, so the driver neither uses
 * COM_STMT_BULK_EXECUTE nor metadata caching; it pipelines prepare and execute instead.
 */
@MariaDbBackends(count = 3)
class MariaDbConnectorPreparedTest {
    private static final String DB = "ps_mariadb";
    private static ProxyUnderTest proxy;
    private static MariaDbServer backend;

    @BeforeAll
    static void start(MariaDbCluster cluster) throws Exception {
        proxy = ProxyUnderTest.start(cluster, DB);
        backend = cluster.server(0);
    }

    @AfterAll
    static void stop() throws SQLException {
        try (Connection c = direct(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DB);
        } finally {
            proxy.close();
        }
    }

    static Connection viaProxy() throws SQLException {
        return DriverManager.getConnection(proxy.mariadbUrl(DB, "useServerPrepStmts=true"), "app", "app");
    }

    static Connection direct() throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + backend.port() + "/" + DB
                + "?sslMode=disable&useServerPrepStmts=true", "root", "");
    }

    @Test
    void everyTypeIsWrittenAndReadAsOnADirectConnection() throws SQLException {
        try (Connection p = viaProxy(); Connection d = direct()) {
            assertEquals(TypedRows.write(d, "typed_direct"), TypedRows.write(p, "typed_proxy"), "insert outcomes");
            try (Statement s = d.createStatement();
                 ResultSet written = s.executeQuery("SELECT * FROM typed_proxy ORDER BY id");
                 Statement s2 = d.createStatement();
                 ResultSet expected = s2.executeQuery("SELECT * FROM typed_direct ORDER BY id")) {
                assertSameResults(expected, written, "rows written through binary parameters");
            }
            String select = "SELECT * FROM typed_direct WHERE id > ? ORDER BY id";
            try (PreparedStatement ps = p.prepareStatement(select); PreparedStatement ds = d.prepareStatement(select)) {
                ps.setInt(1, 0);
                ds.setInt(1, 0);
                try (ResultSet actual = ps.executeQuery(); ResultSet expected = ds.executeQuery()) {
                    assertSameResults(expected, actual, "binary result rows", MariaDbConnectorPreparedTest::withoutExtendedTypes);
                }
            }
        }
    }

    /**
     * MariaDB's extended column metadata (JSON, geometry subtypes), which the driver only gets when the server
     * announces MariaDB capabilities; the proxy does not (README, Limitations).
     */
    private static String withoutExtendedTypes(String metadata) {
        return metadata.replace("typeName=JSON", "typeName=LONGTEXT")
                .replaceAll("typeName=(POINT|LINESTRING|POLYGON|MULTIPOINT|MULTILINESTRING|MULTIPOLYGON|GEOMETRYCOLLECTION) ",
                        "typeName=GEOMETRY ");
    }

    /**
     * This driver sends TIME as a binary TIME with days and fractions of seconds, and negative durations with
     * negative fields, which MariaDB reads in its own way (-25 h becomes -231:00:00): through the proxy the
     * values must come out as they do directly, odd ones included.
     */
    @Test
    void timesWithDaysSignAndMicroseconds() throws SQLException {
        Object[] values = {Duration.ofHours(-838).minusMinutes(59).minusSeconds(59), Duration.ofHours(49).plusNanos(5000),
            Duration.ZERO, Duration.ofMillis(-500), Duration.ofHours(-25), Duration.ofMinutes(-1), Duration.ofHours(-24),
            Duration.ofHours(839), LocalTime.of(23, 59, 59, 999_999_000),
            LocalDateTime.of(2024, 2, 29, 23, 59, 59, 123_456_000), LocalDateTime.of(1000, 1, 1, 0, 0, 0, 1000)};
        try (Connection p = viaProxy(); Connection d = direct()) {
            for (Connection c : List.of(p, d)) {
                try (Statement s = c.createStatement()) {
                    String table = c == p ? "times_p" : "times_d";
                    s.execute("DROP TABLE IF EXISTS " + table);
                    s.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, t TIME(6), dt DATETIME(6))");
                }
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + (c == p ? "times_p" : "times_d")
                        + " VALUES (?, ?, ?)")) {
                    for (int i = 0; i < values.length; i++) {
                        insert.setInt(1, i);
                        insert.setObject(2, values[i] instanceof LocalDateTime ? null : values[i]);
                        insert.setObject(3, values[i] instanceof LocalDateTime ? values[i] : null);
                        insert.executeUpdate();
                    }
                }
            }
            try (PreparedStatement ps = p.prepareStatement("SELECT * FROM times_d WHERE id >= ? ORDER BY id");
                 PreparedStatement ds = d.prepareStatement("SELECT * FROM times_d WHERE id >= ? ORDER BY id")) {
                ps.setInt(1, 0);
                ds.setInt(1, 0);
                try (ResultSet actual = ps.executeQuery(); ResultSet expected = ds.executeQuery()) {
                    assertSameResults(expected, actual, "times read back");
                }
            }
            try (Statement s = d.createStatement(); ResultSet expected = s.executeQuery("SELECT * FROM times_d ORDER BY id");
                 Statement s2 = d.createStatement(); ResultSet actual = s2.executeQuery("SELECT * FROM times_p ORDER BY id")) {
                assertSameResults(expected, actual, "times written");
            }
        }
    }

    @Test
    void batchesStreamsAndGeneratedKeys() throws Exception {
        byte[] blob = new byte[300_000];
        new Random(7).nextBytes(blob);
        try (Connection p = viaProxy(); Connection d = direct()) {
            List<List<String>> outcomes = new ArrayList<>();
            for (Connection c : List.of(d, p)) {
                String table = c == p ? "misc_p" : "misc_d";
                try (Statement s = c.createStatement()) {
                    s.execute("DROP TABLE IF EXISTS " + table);
                    s.execute("CREATE TABLE " + table + " (id BIGINT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(20), b LONGBLOB,"
                            + " t LONGTEXT)");
                }
                List<String> got = new ArrayList<>();
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " (v, b, t) VALUES (?, ?, ?)",
                        Statement.RETURN_GENERATED_KEYS)) {
                    for (int i = 0; i < 50; i++) {
                        insert.setString(1, i % 5 == 0 ? null : "v" + i);
                        insert.setBytes(2, new byte[] {(byte) i});
                        insert.setString(3, "t" + i);
                        insert.addBatch();
                    }
                    for (int count : insert.executeBatch()) {
                        got.add("batch " + count);
                    }
                    insert.setString(1, "stream");
                    insert.setBinaryStream(2, new ByteArrayInputStream(blob));
                    insert.setCharacterStream(3, new StringReader("ünï ' \\\\ ".repeat(10_000)));
                    got.add("stream " + insert.executeUpdate());
                    try (ResultSet keys = insert.getGeneratedKeys()) {
                        while (keys.next()) {
                            got.add("key " + keys.getLong(1));
                        }
                    }
                }
                outcomes.add(got);
            }
            assertEquals(outcomes.get(0), outcomes.get(1));
            try (Statement s = d.createStatement(); ResultSet expected = s.executeQuery("SELECT * FROM misc_d ORDER BY id");
                 Statement s2 = d.createStatement(); ResultSet actual = s2.executeQuery("SELECT * FROM misc_p ORDER BY id")) {
                assertSameResults(expected, actual, "rows");
            }
            try (Statement s = d.createStatement(); ResultSet rs = s.executeQuery("SELECT b FROM misc_p WHERE v = 'stream'")) {
                rs.next();
                assertArrayEquals(blob, rs.getBytes(1));
            }
        }
    }
}
