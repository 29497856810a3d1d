package io.shardwire.it.clients;

import static io.shardwire.it.clients.ConnectorJTypesTest.assertRowsEqual;
import static io.shardwire.it.clients.DriverView.query;
import static io.shardwire.it.clients.DriverView.results;
import static io.shardwire.it.clients.DriverView.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.shardwire.embedded.MariaDbCluster;
import io.shardwire.it.harness.MariaDbBackends;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MariaDB Connector/J 3.5 through the proxy: connect, CRUD, types and metadata, transactions, multi-statements
 * and DatabaseMetaData, each compared with the same driver talking to the backend directly.
 */
@MariaDbBackends(count = 3)
class MariaDbConnectorJTest {
    private static final String SELECT_TYPES = "SELECT id, " + TypeFixtures.COLUMNS + " FROM %s ORDER BY id";
    private static Endpoints db;

    @BeforeAll
    static void start(MariaDbCluster cluster) throws Exception {
        db = Endpoints.start(cluster, "it_mariadb_j");
    }

    @AfterAll
    static void stop() throws SQLException {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void connectsWithAndWithoutDatabase() throws SQLException {
        try (Connection c = db.proxyMariaDb(""); Statement s = c.createStatement()) {
            assertEquals(db.database(), c.getCatalog());
            assertEquals(db.database(), scalar(s, "SELECT DATABASE()"));
            assertEquals(true, c.isValid(2));
        }
        List<List<String>> seen = new ArrayList<>();
        for (int port : new int[] {db.backend().port(), db.proxyPort()}) {
            boolean proxy = port == db.proxyPort();
            String url = "jdbc:mariadb://127.0.0.1:" + port + "/?sslMode=disable";
            try (Connection c = DriverManager.getConnection(url, proxy ? "app" : "root", proxy ? "app" : "");
                 Statement s = c.createStatement()) {
                List<String> steps = new ArrayList<>(results(s, "SELECT DATABASE()"));
                c.setCatalog(db.database());
                steps.add("catalog " + c.getCatalog());
                steps.addAll(results(s, "SELECT DATABASE()"));
                seen.add(steps);
            }
        }
        assertEquals(seen.get(0), seen.get(1), "direct vs proxy");
    }

    /**
     * MariaDB Connector/J learns the database a {@code USE} statement chose from the OK packet's session-state
     * information when the server offers CLIENT_SESSION_TRACK; the proxy does not send that information, so it
     * must not offer the capability (with it, getCatalog() stayed on the old database).
     */
    @Test
    void getCatalogFollowsAUseStatement() throws SQLException {
        try (Connection c = db.proxyMariaDb(""); Statement s = c.createStatement()) {
            s.execute("USE information_schema"); // a database every login may use besides its logical ones
            assertEquals("information_schema", c.getCatalog());
            s.execute("USE " + db.database());
            assertEquals(db.database(), c.getCatalog());
        }
    }

    @ParameterizedTest(name = "[{index}] URL parameters ''{0}''")
    @ValueSource(strings = {"", "useAffectedRows=true"})
    void crudCountsAndKeysMatchDirect(String params) throws SQLException {
        db.assertSameWithMariaDbJ(params, (c, t) -> {
            List<String> seen = new ArrayList<>();
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE " + t + " (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(20), n INT)");
                seen.add("insert " + s.executeUpdate("INSERT INTO " + t + " (v, n) VALUES ('a', 1), ('b', 2)",
                        Statement.RETURN_GENERATED_KEYS));
                seen.add("keys " + DriverView.strings(s.getGeneratedKeys()));
                seen.add("last " + scalar(s, "SELECT LAST_INSERT_ID()"));
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " (v, n) VALUES (?, ?)",
                        Statement.RETURN_GENERATED_KEYS)) {
                    ps.setString(1, "prepared 'quote' 😀");
                    ps.setInt(2, 3);
                    seen.add("prepared " + ps.executeUpdate());
                    seen.add("prepared keys " + DriverView.strings(ps.getGeneratedKeys()));
                }
                seen.add("noop update " + s.executeUpdate("UPDATE " + t + " SET n = n WHERE id = 1"));
                seen.add("update " + s.executeUpdate("UPDATE " + t + " SET n = n + 10 WHERE id <= 2"));
                seen.add("upsert " + s.executeUpdate("INSERT INTO " + t + " (id, v) VALUES (1, 'a')"
                        + " ON DUPLICATE KEY UPDATE v = 'a'"));
                seen.add("delete " + s.executeUpdate("DELETE FROM " + t + " WHERE n > 10"));
                seen.add(query(s, "SELECT id, v, n FROM " + t + " ORDER BY id").toString());
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " (v, n) VALUES (?, ?)")) {
                    for (int i = 0; i < 20; i++) {
                        ps.setString(1, "batch " + i);
                        ps.setInt(2, i);
                        ps.addBatch();
                    }
                    seen.add("batch " + Arrays.toString(ps.executeBatch()));
                }
                seen.add("count " + scalar(s, "SELECT COUNT(*) FROM " + t));
                s.execute("DROP TABLE " + t);
            }
            return seen;
        }, "crud" + params.length());
    }

    /**
     * Values, and column metadata up to the known gap that {@link #knownGaps} names: the proxy does not offer
     * MariaDB's extended type metadata, so MariaDB Connector/J names a JSON column LONGTEXT and a POINT GEOMETRY.
     */
    @Test
    void typesAndMetadataEqualDirect() throws SQLException {
        assertTypesEqualDirect(MariaDbConnectorJTest::knownGaps);
    }

    /** The same comparison without allowances. */
    @Disabled("known gap: MariaDB extended metadata (MARIADB_CLIENT_EXTENDED_METADATA: JSON, geometry subtypes)"
            + " is neither offered to clients nor asked of the backends")
    @Test
    void columnDefinitionsEqualDirectExactly() throws SQLException {
        assertTypesEqualDirect(line -> line);
    }

    static String knownGaps(String metadata) {
        return metadata.replace("typeName=JSON|", "typeName=LONGTEXT|").replace("typeName=POINT|", "typeName=GEOMETRY|");
    }

    private void assertTypesEqualDirect(UnaryOperator<String> normalize) throws SQLException {
        try (Connection c = db.proxyMariaDb("")) {
            TypeFixtures.fill(c, "types_proxy");
        }
        try (Connection c = db.directMariaDb("")) {
            TypeFixtures.fill(c, "types_direct");
        }
        try {
            for (String table : List.of("types_proxy", "types_direct")) {
                String sql = SELECT_TYPES.formatted(table);
                List<String> directMeta;
                List<String> directValues;
                try (Connection c = db.directMariaDb(""); Statement s = c.createStatement()) {
                    s.execute("SET time_zone = '+00:00'");
                    try (ResultSet rs = s.executeQuery(sql)) {
                        directMeta = DriverView.metadata(rs.getMetaData()).stream().map(normalize).toList();
                        directValues = DriverView.values(rs);
                    }
                }
                try (Connection c = db.proxyMariaDb(""); Statement s = c.createStatement()) {
                    s.execute("SET time_zone = '+00:00'");
                    try (ResultSet rs = s.executeQuery(sql)) {
                        assertRowsEqual(directMeta, DriverView.metadata(rs.getMetaData()).stream().map(normalize)
                                .toList(), "metadata of " + table);
                        assertRowsEqual(directValues, DriverView.values(rs), "values of " + table);
                    }
                }
            }
            try (Connection c = db.directMariaDb(""); Statement s = c.createStatement()) {
                List<String> direct;
                try (ResultSet rs = s.executeQuery(SELECT_TYPES.formatted("types_direct"))) {
                    direct = DriverView.values(rs);
                }
                try (ResultSet rs = s.executeQuery(SELECT_TYPES.formatted("types_proxy"))) {
                    assertRowsEqual(direct, DriverView.values(rs), "stored through the proxy vs directly");
                }
            }
        } finally {
            try (Connection c = db.directMariaDb(""); Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS types_proxy, types_direct");
            }
        }
    }

    @Test
    void commitAndRollbackAreSeenFromAnotherConnection() throws SQLException {
        try (Connection c = db.proxyMariaDb(""); Connection other = db.proxyMariaDb("");
             Statement s = c.createStatement(); Statement o = other.createStatement()) {
            s.execute("CREATE TABLE tx (id INT PRIMARY KEY)");
            c.setAutoCommit(false);
            s.execute("INSERT INTO tx VALUES (1)");
            assertEquals("0", scalar(o, "SELECT COUNT(*) FROM tx"));
            c.commit();
            assertEquals("1", scalar(o, "SELECT COUNT(*) FROM tx"));
            s.execute("INSERT INTO tx VALUES (2)");
            s.execute("DELETE FROM tx WHERE id = 1");
            c.rollback();
            assertEquals(List.of(List.of("1")), query(o, "SELECT id FROM tx"));
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            assertEquals("READ-COMMITTED", scalar(s, "SELECT @@tx_isolation"));
            c.setAutoCommit(true);
            s.execute("DROP TABLE tx");
        }
    }

    @Test
    void multiStatementsReturnEveryResultInOrder() throws SQLException {
        db.assertSameWithMariaDbJ("allowMultiQueries=true", (c, t) -> {
            try (Statement s = c.createStatement()) {
                List<String> seen = new ArrayList<>(results(s, "CREATE TABLE " + t + " (id INT PRIMARY KEY);"
                        + " INSERT INTO " + t + " VALUES (1), (2); SELECT id FROM " + t + " ORDER BY id;"
                        + " UPDATE " + t + " SET id = id + 10; SELECT 'x', NULL; SELECT * FROM " + t + "_missing;"
                        + " SELECT 'not reached'"));
                seen.addAll(results(s, "SELECT COUNT(*) FROM " + t + "; DROP TABLE " + t));
                return seen;
            }
        }, "multi");
    }

    @Test
    void databaseMetaDataMatchesDirect() throws SQLException {
        try (Connection c = db.proxyMariaDb(""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE meta_t (a INT, b VARCHAR(40) NOT NULL DEFAULT 'x' COMMENT 'the b',"
                    + " amount DECIMAL(12,3), PRIMARY KEY (a, b), KEY (amount)) COMMENT 'meta table'");
        }
        List<List<String>> seen = new ArrayList<>();
        for (boolean proxy : new boolean[] {false, true}) {
            try (Connection c = proxy ? db.proxyMariaDb("") : db.directMariaDb("")) {
                var md = c.getMetaData();
                List<String> rows = new ArrayList<>();
                rows.add("tables " + DriverView.strings(md.getTables(db.database(), null, "meta%", null)));
                rows.add("columns " + DriverView.strings(md.getColumns(db.database(), null, "meta_t", "%")));
                rows.add("primary keys " + DriverView.strings(md.getPrimaryKeys(db.database(), null, "meta_t")));
                rows.add("index info " + DriverView.strings(md.getIndexInfo(db.database(), null, "meta_t", false,
                        false)));
                seen.add(rows);
            }
        }
        assertEquals(seen.get(0), seen.get(1), "DatabaseMetaData direct vs proxy");
        try (Connection c = db.proxyMariaDb(""); Statement s = c.createStatement()) {
            s.execute("DROP TABLE meta_t");
        }
    }
}
