package io.shardwire.it.clients;

import static io.shardwire.it.clients.DriverView.error;
import static io.shardwire.it.clients.DriverView.query;
import static io.shardwire.it.clients.DriverView.results;
import static io.shardwire.it.clients.DriverView.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.util.ResourceLeakDetector;
import io.shardwire.embedded.MariaDbCluster;
import io.shardwire.it.harness.MariaDbBackends;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MySQL Connector/J (text protocol) through the proxy, beyond one statement at a time: multi-statements, batches
 * (rewritten into multi-row INSERTs and multi-statements, or not), DatabaseMetaData and streamed results, each
 * compared with the same driver talking to the backend directly.
 */
@MariaDbBackends(count = 3)
class ConnectorJStatementsTest {
    private static Endpoints db;

    @BeforeAll
    static void start(MariaDbCluster cluster) throws Exception {
        db = Endpoints.start(cluster, "it_cj_statements");
    }

    @AfterAll
    static void stop() throws SQLException {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void multiStatementsReturnEveryResultInOrder() throws SQLException {
        String params = "allowMultiQueries=true";
        db.assertSameWithConnectorJ(params, (c, t) -> {
            List<String> seen = new ArrayList<>();
            try (Statement s = c.createStatement()) {
                seen.addAll(results(s, "CREATE TABLE " + t + " (id INT PRIMARY KEY, v VARCHAR(5)); "
                        + "INSERT INTO " + t + " VALUES (1, 'a'), (2, 'b'); SELECT id, v FROM " + t + " ORDER BY id; "
                        + "UPDATE " + t + " SET v = 'c' WHERE id = 2; SELECT 'x' AS x, NULL AS n; "
                        + "DELETE FROM " + t + " WHERE id = 1; SELECT COUNT(*) FROM " + t));
                seen.add("--");
                seen.addAll(results(s, "SELECT 1; SELECT * FROM " + t + "_missing; SELECT 3"));
                seen.add("--");
                seen.addAll(results(s, "INSERT INTO " + t + " VALUES (5, 'e'); INSERT INTO " + t
                        + " VALUES (5, 'dup'); INSERT INTO " + t + " VALUES (6, 'never')"));
                seen.add(query(s, "SELECT id, v FROM " + t + " ORDER BY id").toString());
                seen.addAll(results(s, "SET @mq = 7; SELECT @mq + 1; BEGIN; INSERT INTO " + t
                        + " VALUES (8, 'tx'); ROLLBACK; SELECT COUNT(*) FROM " + t));
                seen.addAll(results(s, "DROP TABLE " + t + ";"));
            }
            return seen;
        }, "multi");
    }

    @Test
    void multiStatementsAreRefusedWithoutAllowMultiQueries() throws SQLException {
        try (Connection c = db.proxyCj(""); Statement s = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> s.execute("SELECT 1; SELECT 2"));
            assertEquals(1064, e.getErrorCode(), e.getMessage());
            assertEquals("1", scalar(s, "SELECT 1"), "the connection stays usable");
        }
    }

    private static List<String> batchScenario(Connection c, String t) throws SQLException {
        List<String> seen = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + t + " (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(20), n INT)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " (v, n) VALUES (?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                for (int i = 0; i < 50; i++) {
                    ps.setString(1, "row ' \\ " + i);
                    ps.setInt(2, i);
                    ps.addBatch();
                }
                seen.add("insert batch " + java.util.Arrays.toString(ps.executeBatch()));
                seen.add("keys " + DriverView.firstColumn(ps.getGeneratedKeys()));
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + t + " SET n = n + ? WHERE id <= ?")) {
                for (int i = 1; i <= 5; i++) {
                    ps.setInt(1, 1000);
                    ps.setInt(2, i * 10);
                    ps.addBatch();
                }
                seen.add("update batch " + java.util.Arrays.toString(ps.executeBatch()));
            }
            s.addBatch("INSERT INTO " + t + " (v, n) VALUES ('s1', 1)");
            s.addBatch("UPDATE " + t + " SET v = 'upd' WHERE n > 4000");
            s.addBatch("DELETE FROM " + t + " WHERE id > 45");
            seen.add("statement batch " + java.util.Arrays.toString(s.executeBatch()));
            s.addBatch("INSERT INTO " + t + " (id, v) VALUES (1000, 'ok')");
            s.addBatch("INSERT INTO " + t + " (id, v) VALUES (1000, 'duplicate')");
            s.addBatch("INSERT INTO " + t + " (id, v) VALUES (1001, 'after')");
            try {
                seen.add("failing batch " + java.util.Arrays.toString(s.executeBatch()));
            } catch (java.sql.BatchUpdateException e) {
                seen.add("failing batch " + error(e) + " " + java.util.Arrays.toString(e.getUpdateCounts()));
            }
            seen.add(query(s, "SELECT id, v, n FROM " + t + " ORDER BY id").toString());
            s.execute("DROP TABLE " + t);
        }
        return seen;
    }

    @ParameterizedTest(name = "[{index}] URL parameters ''{0}''")
    @ValueSource(strings = {"rewriteBatchedStatements=false", "rewriteBatchedStatements=true",
        "rewriteBatchedStatements=true&allowMultiQueries=true"})
    void batchesMatchDirect(String params) throws SQLException {
        db.assertSameWithConnectorJ(params, ConnectorJStatementsTest::batchScenario, "batch" + params.length());
    }

    @Test
    void databaseMetaDataMatchesDirect() throws SQLException {
        try (Connection c = db.proxyCj(""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE meta_parent (id INT PRIMARY KEY, code CHAR(3) NOT NULL, UNIQUE KEY (code))"
                    + " COMMENT 'parent table'");
            s.execute("CREATE TABLE meta_child (a INT, b VARCHAR(40) NOT NULL DEFAULT 'x' COMMENT 'the b',"
                    + " parent INT, amount DECIMAL(12,3), created DATETIME(3), PRIMARY KEY (a, b),"
                    + " FOREIGN KEY (parent) REFERENCES meta_parent (id))");
            s.execute("CREATE VIEW meta_view AS SELECT a, b FROM meta_child");
        }
        for (String params : List.of("", "useInformationSchema=true")) {
            List<String> direct;
            try (Connection c = db.directCj(params)) {
                direct = metaData(c);
            }
            try (Connection c = db.proxyCj(params)) {
                assertEquals(direct, metaData(c), "DatabaseMetaData with '" + params + "'");
            }
        }
        try (Connection c = db.proxyCj(""); Statement s = c.createStatement()) {
            s.execute("DROP VIEW meta_view");
            s.execute("DROP TABLE meta_child, meta_parent");
        }
    }

    private static List<String> metaData(Connection c) throws SQLException {
        var md = c.getMetaData();
        String catalog = db.database();
        List<String> seen = new ArrayList<>();
        seen.add("tables " + rows(md.getTables(catalog, null, "meta%", null)));
        seen.add("tables typed " + rows(md.getTables(catalog, null, "%", new String[] {"VIEW"})));
        seen.add("columns " + rows(md.getColumns(catalog, null, "meta_child", "%")));
        seen.add("columns like " + rows(md.getColumns(catalog, null, "meta%", "b")));
        seen.add("primary keys " + rows(md.getPrimaryKeys(catalog, null, "meta_child")));
        seen.add("imported keys " + rows(md.getImportedKeys(catalog, null, "meta_child")));
        seen.add("index info " + rows(md.getIndexInfo(catalog, null, "meta_parent", false, false)));
        seen.add("catalogs contain it " + rows(md.getCatalogs()).contains("[" + catalog + "]"));
        seen.add("product " + md.getDatabaseProductName() + " " + md.getDatabaseMajorVersion() + "."
                + md.getDatabaseMinorVersion());
        return seen;
    }

    private static List<String> rows(ResultSet rs) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (rs) {
            for (List<String> row : DriverView.strings(rs)) {
                rows.add(row.toString());
            }
        }
        return rows;
    }

    /**
     * A streamed result (fetch size MIN_VALUE) arrives whole and leaves the connection usable. Netty's paranoid
     * leak tracking (the build's default for tests) records a stack trace for every row buffer and makes this
     * test five times slower; sampled tracking still reports a leak of row buffers.
     */
    @Test
    void streamsALargeResult() throws SQLException {
        ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
        try {
            streamLargeResult(200_000);
        } finally {
            ResourceLeakDetector.setLevel(level);
        }
    }

    private static void streamLargeResult(int rows) throws SQLException {
        try (Connection c = db.proxyCj(""); Statement s = c.createStatement(ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY)) {
            s.setFetchSize(Integer.MIN_VALUE);
            long count = 0;
            long sum = 0;
            try (ResultSet rs = s.executeQuery("SELECT seq, CONCAT('row-', seq, REPEAT('x', 40)) FROM seq_1_to_"
                    + rows)) {
                while (rs.next()) {
                    count++;
                    sum += rs.getLong(1);
                    if (!rs.getString(2).startsWith("row-" + rs.getLong(1) + "x")) {
                        throw new AssertionError("row " + count + ": " + rs.getString(2));
                    }
                }
            }
            assertEquals(rows, count);
            assertEquals((long) rows * (rows + 1) / 2, sum);
            assertEquals("ok", scalar(s, "SELECT 'ok'"));
            // abandoning a streamed result early: the driver drains it on close, the session goes on
            try (ResultSet rs = s.executeQuery("SELECT seq FROM seq_1_to_" + rows / 10)) {
                for (int i = 0; i < 10; i++) {
                    rs.next();
                }
            }
            assertEquals("2", scalar(s, "SELECT 1 + 1"));
        }
    }
}
