package io.shardwire.it.clients;

import static io.shardwire.it.clients.DriverView.query;
import static io.shardwire.it.clients.DriverView.results;
import static io.shardwire.it.clients.DriverView.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.shardwire.embedded.MariaDbCluster;
import io.shardwire.it.harness.MariaDbBackends;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MySQL Connector/J 9 (text protocol) through the proxy: connecting, update counts, generated keys, transactions
 * and isolation levels, each scenario run once through the proxy and once directly on the backend, with the
 * driver's observations compared.
 */
@MariaDbBackends(count = 3)
class ConnectorJTest {
    private static Endpoints db;

    @BeforeAll
    static void start(MariaDbCluster cluster) throws Exception {
        db = Endpoints.start(cluster, "it_cj");
    }

    @AfterAll
    static void stop() throws SQLException {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void connectsWithDatabaseInUrl() throws SQLException {
        try (Connection c = db.proxyCj(""); Statement s = c.createStatement()) {
            assertEquals(db.database(), c.getCatalog());
            assertEquals(db.database(), scalar(s, "SELECT DATABASE()"));
            assertEquals("1", scalar(s, "SELECT 1"));
            assertEquals(true, c.isValid(2));
        }
    }

    @Test
    void connectsWithoutDatabaseThenChoosesOne() throws SQLException {
        List<List<String>> seen = new ArrayList<>();
        for (int port : new int[] {db.backend().port(), db.proxyPort()}) {
            boolean proxy = port == db.proxyPort();
            String url = "jdbc:mysql://127.0.0.1:" + port + "/?sslMode=DISABLED";
            List<String> steps = new ArrayList<>();
            try (Connection c = DriverManager.getConnection(url, proxy ? "app" : "root", proxy ? "app" : "")) {
                try (Statement s = c.createStatement()) {
                    steps.add("catalog " + c.getCatalog());
                    steps.addAll(results(s, "SELECT DATABASE()"));
                }
                c.setCatalog(db.database());
                try (Statement s = c.createStatement()) {
                    steps.add("catalog " + c.getCatalog());
                    steps.addAll(results(s, "SELECT DATABASE()"));
                    steps.addAll(results(s, "USE information_schema"));
                    steps.addAll(results(s, "SELECT DATABASE(), COUNT(*) > 0 FROM tables"));
                    steps.addAll(results(s, "USE no_such_database"));
                    steps.addAll(results(s, "SELECT DATABASE()"));
                }
            }
            seen.add(steps);
        }
        assertEquals(seen.get(0), seen.get(1), "direct vs proxy");
    }

    /**
     * Pooled backend connections keep the schema of whoever used them last; a session that chose no database
     * must still get "No database selected", as on a server, not another session's tables.
     */
    @Disabled("known bug, not fixed here: no statement unselects a backend connection's schema; the router should"
            + " refuse unqualified table names when the session has no database (ERROR 1046)")
    @Test
    void sessionWithoutDatabaseDoesNotSeeAnotherSessionsSchema() throws SQLException {
        try (Connection c = db.proxyCj(""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE nodb_probe (id INT)");
        }
        String url = "jdbc:mysql://127.0.0.1:" + db.proxyPort() + "/?sslMode=DISABLED";
        String directUrl = "jdbc:mysql://127.0.0.1:" + db.backend().port() + "/?sslMode=DISABLED";
        List<String> seen = new ArrayList<>();
        for (String[] login : new String[][] {{directUrl, "root", ""}, {url, "app", "app"}}) {
            try (Connection c = DriverManager.getConnection(login[0], login[1], login[2]);
                 Statement s = c.createStatement()) {
                seen.add(results(s, "SELECT COUNT(*) FROM nodb_probe").toString());
                seen.add(results(s, "CREATE TABLE nodb_created (id INT)").toString());
            }
        }
        assertEquals(seen.subList(0, 2), seen.subList(2, 4), "direct vs proxy without a database");
        try (Connection c = db.proxyCj(""); Statement s = c.createStatement()) {
            s.execute("DROP TABLE nodb_probe");
            s.execute("DROP TABLE IF EXISTS nodb_created");
        }
    }

    private static List<String> affectedRowScenario(Connection c, String t) throws SQLException {
        List<String> counts = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            String[] statements = {
                "CREATE TABLE " + t + " (id INT PRIMARY KEY, v VARCHAR(10), n INT DEFAULT 0)",
                "INSERT INTO " + t + " (id, v) VALUES (1, 'a'), (2, 'b'), (3, 'c')",
                "UPDATE " + t + " SET v = 'a' WHERE id = 1",
                "UPDATE " + t + " SET v = 'x' WHERE id IN (1, 2)",
                "UPDATE " + t + " SET n = n WHERE id > 0",
                "INSERT INTO " + t + " (id, v) VALUES (3, 'c') ON DUPLICATE KEY UPDATE v = 'c'",
                "INSERT INTO " + t + " (id, v) VALUES (3, 'c') ON DUPLICATE KEY UPDATE v = 'z'",
                "INSERT INTO " + t + " (id, v) VALUES (4, 'd') ON DUPLICATE KEY UPDATE v = 'z'",
                "REPLACE INTO " + t + " (id, v) VALUES (4, 'e')",
                "INSERT IGNORE INTO " + t + " (id, v) VALUES (4, 'f'), (5, 'g')",
                "DELETE FROM " + t + " WHERE id > 100",
                "DELETE FROM " + t + " WHERE id >= 4",
                "DROP TABLE " + t,
            };
            for (String sql : statements) {
                counts.add(sql.replace(t, "t") + " -> " + s.executeLargeUpdate(sql));
                counts.add("ROW_COUNT() " + scalar(s, "SELECT ROW_COUNT()"));
            }
        }
        return counts;
    }

    @ParameterizedTest(name = "[{index}] URL parameters ''{0}''")
    @ValueSource(strings = {"", "useAffectedRows=true"})
    void affectedRowCountsMatchDirect(String params) throws SQLException {
        db.assertSameWithConnectorJ(params, ConnectorJTest::affectedRowScenario, "affected" + params.length());
    }

    /** Default Connector/J counts found rows (CLIENT_FOUND_ROWS); useAffectedRows=true counts changed rows. */
    @ParameterizedTest(name = "[{index}] URL parameters ''{0}''")
    @ValueSource(strings = {"", "useAffectedRows=true"})
    void updateThatChangesNothingFollowsTheClientsFoundRowsFlag(String params) throws SQLException {
        long expected = params.isEmpty() ? 1 : 0;
        try (Connection c = db.proxyCj(params); Statement s = c.createStatement()) {
            String t = "noop_update" + params.length();
            s.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY, v INT)");
            s.execute("INSERT INTO " + t + " VALUES (1, 7)");
            for (int i = 0; i < 3; i++) {
                assertEquals(expected, s.executeUpdate("UPDATE " + t + " SET v = 7 WHERE id = 1"), params);
            }
            s.execute("DROP TABLE " + t);
        }
    }

    private static List<String> generatedKeyScenario(Connection c, String t) throws SQLException {
        List<String> seen = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + t + " (id BIGINT AUTO_INCREMENT PRIMARY KEY, v INT)");
            s.executeUpdate("INSERT INTO " + t + " (v) VALUES (1)", Statement.RETURN_GENERATED_KEYS);
            seen.add("keys " + DriverView.firstColumn(s.getGeneratedKeys()));
            seen.add("last " + scalar(s, "SELECT LAST_INSERT_ID()"));
            s.executeUpdate("INSERT INTO " + t + " (v) VALUES (2), (3), (4)", Statement.RETURN_GENERATED_KEYS);
            seen.add("keys " + DriverView.firstColumn(s.getGeneratedKeys()));
            seen.add("last " + scalar(s, "SELECT LAST_INSERT_ID()"));
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t + " (v) VALUES (?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setInt(1, 5);
                ps.executeUpdate();
                seen.add("prepared keys " + DriverView.firstColumn(ps.getGeneratedKeys()));
            }
            seen.add("last " + scalar(s, "SELECT LAST_INSERT_ID()"));
            seen.add("explicit id " + s.executeUpdate("INSERT INTO " + t + " (id, v) VALUES (100, 6)"));
            seen.add("last after explicit id " + scalar(s, "SELECT LAST_INSERT_ID()"));
            seen.add("update " + s.executeUpdate("UPDATE " + t + " SET v = 9 WHERE id = 1"));
            seen.add("last after update " + scalar(s, "SELECT LAST_INSERT_ID()"));
            seen.add("select " + scalar(s, "SELECT COUNT(*) FROM " + t));
            seen.add("last after select " + scalar(s, "SELECT LAST_INSERT_ID()"));
            seen.add("next " + s.executeUpdate("INSERT INTO " + t + " (v) VALUES (7)"));
            seen.add("last " + scalar(s, "SELECT LAST_INSERT_ID() + 0 AS last"));
            s.execute("DROP TABLE " + t);
        }
        return seen;
    }

    @Test
    void generatedKeysAndLastInsertIdMatchDirect() throws SQLException {
        db.assertSameWithConnectorJ("", ConnectorJTest::generatedKeyScenario, "genkeys");
    }

    /** LAST_INSERT_ID(expr) sets the value that LAST_INSERT_ID() returns next, in a SELECT or an UPDATE. */
    @Test
    void lastInsertIdWithArgumentSetsTheSessionsValue() throws SQLException {
        db.assertSameWithConnectorJ("", (c, t) -> {
            List<String> seen = new ArrayList<>();
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE " + t + " (id INT AUTO_INCREMENT PRIMARY KEY, v INT)");
                s.execute("INSERT INTO " + t + " (v) VALUES (10), (20)");
                seen.add(scalar(s, "SELECT LAST_INSERT_ID(42)"));
                seen.add(scalar(s, "SELECT LAST_INSERT_ID()"));
                s.executeUpdate("UPDATE " + t + " SET v = LAST_INSERT_ID(v + 1) WHERE id = 2");
                seen.add(scalar(s, "SELECT LAST_INSERT_ID()"));
                s.execute("DROP TABLE " + t);
            }
            return seen;
        }, "lastid_expr");
    }

    @Test
    void commitAndRollbackAreSeenFromAnotherConnection() throws SQLException {
        try (Connection c = db.proxyCj(""); Connection other = db.proxyCj("");
             Statement s = c.createStatement(); Statement o = other.createStatement()) {
            s.execute("CREATE TABLE tx (id INT PRIMARY KEY, v VARCHAR(10))");
            c.setAutoCommit(false);
            s.execute("INSERT INTO tx VALUES (1, 'kept')");
            assertEquals(List.of(List.of("1")), query(s, "SELECT COUNT(*) FROM tx"), "own insert visible inside");
            assertEquals("0", scalar(o, "SELECT COUNT(*) FROM tx"), "uncommitted insert is invisible to others");
            c.commit();
            assertEquals("1", scalar(o, "SELECT COUNT(*) FROM tx"), "committed insert");

            s.execute("INSERT INTO tx VALUES (2, 'gone')");
            s.execute("UPDATE tx SET v = 'changed' WHERE id = 1");
            s.execute("DELETE FROM tx WHERE id = 1");
            c.rollback();
            assertEquals(List.of(List.of("1", "kept")), query(o, "SELECT id, v FROM tx ORDER BY id"), "rolled back");
            assertEquals(List.of(List.of("1", "kept")), query(s, "SELECT id, v FROM tx ORDER BY id"));

            s.execute("INSERT INTO tx VALUES (3, 'sp')");
            var savepoint = c.setSavepoint("sp1");
            s.execute("INSERT INTO tx VALUES (4, 'after sp')");
            c.rollback(savepoint);
            c.commit();
            assertEquals(List.of(List.of("1"), List.of("3")), query(o, "SELECT id FROM tx ORDER BY id"), "savepoint");

            c.setAutoCommit(true);
            s.execute("INSERT INTO tx VALUES (5, 'auto')");
            assertEquals("3", scalar(o, "SELECT COUNT(*) FROM tx"), "autocommit again");
            s.execute("DROP TABLE tx");
        }
    }

    @Test
    void explicitTransactionStatementsAndImplicitCommit() throws SQLException {
        db.assertSameWithConnectorJ("", (c, t) -> {
            List<String> seen = new ArrayList<>();
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE " + t + " (id INT PRIMARY KEY)");
                s.execute("START TRANSACTION");
                s.execute("INSERT INTO " + t + " VALUES (1)");
                s.execute("ROLLBACK");
                s.execute("BEGIN");
                s.execute("INSERT INTO " + t + " VALUES (2)");
                s.execute("CREATE TABLE " + t + "_implicit (id INT)");
                s.execute("ROLLBACK");
                seen.add(query(s, "SELECT id FROM " + t).toString());
                s.execute("SET autocommit = 0");
                s.execute("INSERT INTO " + t + " VALUES (3)");
                s.execute("ROLLBACK");
                seen.add(scalar(s, "SELECT @@autocommit"));
                s.execute("INSERT INTO " + t + " VALUES (4)");
                s.execute("COMMIT");
                s.execute("SET autocommit = 1");
                seen.add(query(s, "SELECT id FROM " + t + " ORDER BY id").toString());
                s.execute("DROP TABLE " + t + ", " + t + "_implicit");
            }
            return seen;
        }, "explicit_tx");
    }

    @Test
    void isolationLevelsViaSetTransactionIsolation() throws SQLException {
        int[] levels = {Connection.TRANSACTION_READ_UNCOMMITTED, Connection.TRANSACTION_READ_COMMITTED,
            Connection.TRANSACTION_REPEATABLE_READ, Connection.TRANSACTION_SERIALIZABLE};
        String[] names = {"READ-UNCOMMITTED", "READ-COMMITTED", "REPEATABLE-READ", "SERIALIZABLE"};
        try (Connection c = db.proxyCj(""); Connection writer = db.proxyCj("");
             Statement s = c.createStatement(); Statement w = writer.createStatement()) {
            s.execute("CREATE TABLE iso (id INT PRIMARY KEY, v INT)");
            s.execute("INSERT INTO iso VALUES (1, 0)");
            for (int i = 0; i < levels.length; i++) {
                c.setTransactionIsolation(levels[i]);
                assertEquals(levels[i], c.getTransactionIsolation(), names[i]);
                // other sessions use the pool in between; the level must follow this session
                assertEquals("1", scalar(w, "SELECT COUNT(*) FROM iso"));
                assertEquals(names[i], scalar(s, "SELECT @@tx_isolation"));
                assertEquals("REPEATABLE-READ", scalar(w, "SELECT @@tx_isolation"), "other session's level");
            }
            c.setTransactionIsolation(Connection.TRANSACTION_READ_UNCOMMITTED);
            writer.setAutoCommit(false);
            w.execute("UPDATE iso SET v = 1 WHERE id = 1");
            assertEquals("1", scalar(s, "SELECT v FROM iso WHERE id = 1"), "READ UNCOMMITTED sees a dirty write");
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            assertEquals("0", scalar(s, "SELECT v FROM iso WHERE id = 1"), "READ COMMITTED does not");
            writer.rollback();
            writer.setAutoCommit(true);

            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setAutoCommit(false);
            assertEquals("0", scalar(s, "SELECT v FROM iso WHERE id = 1"));
            w.execute("UPDATE iso SET v = 2 WHERE id = 1");
            assertEquals("0", scalar(s, "SELECT v FROM iso WHERE id = 1"), "REPEATABLE READ keeps its snapshot");
            c.commit();
            assertEquals("2", scalar(s, "SELECT v FROM iso WHERE id = 1"), "new snapshot after commit");
            c.setAutoCommit(true);
            s.execute("DROP TABLE iso");
        }
    }
}
