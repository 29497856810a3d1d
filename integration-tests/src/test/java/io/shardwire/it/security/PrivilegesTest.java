package io.shardwire.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shardwire.embedded.MariaDbCluster;
import io.shardwire.it.harness.MariaDbBackends;
import io.shardwire.it.harness.ProxyUnderTest;
import io.shardwire.shardmap.ConfigLoader;
import io.shardwire.server.ShardwireServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The proxy, not the backend account (root here, as in the README's examples), decides what a login may do: no
 * statement of a plain user reaches a backend server as a whole (SHUTDOWN stopped shard s0 before), the system
 * schemas are for admins, read-only users cannot write, users see only their databases, and USER(), CURRENT_USER()
 * and SHOW GRANTS describe the proxy login.
 */
@MariaDbBackends(count = 2)
class PrivilegesTest {
    private static final String DB = "privs";
    private static final String OTHER = "privs_other";
    private static MariaDbCluster backends;
    private static ShardwireServer proxy;

    @BeforeAll
    static void start(MariaDbCluster cluster) throws Exception {
        backends = cluster;
        String yaml = ProxyUnderTest.configYaml(cluster, 2, DB, "", "customers: { shard_by: hash, key: id }",
                "{ name: ro, password: ro, read_only: true }\n{ name: only, password: only, databases: [ privs ] }")
                + "  " + OTHER + ":\n    default_shard: s1\n";
        for (int i = 0; i < 2; i++) {
            try (Connection root = root(i); Statement s = root.createStatement()) {
                s.execute("CREATE DATABASE IF NOT EXISTS " + OTHER);
                s.execute("CREATE TABLE IF NOT EXISTS " + DB + ".customers (id INT PRIMARY KEY, name VARCHAR(20))");
                s.execute("CREATE TABLE IF NOT EXISTS " + OTHER + ".secrets (id INT PRIMARY KEY)");
            }
        }
        proxy = ShardwireServer.start(ConfigLoader.parse(yaml, "privileges test"));
    }

    @AfterAll
    static void stop() {
        proxy.close();
    }

    private static Connection root(int shard) throws SQLException {
        return DriverManager.getConnection(backends.server(shard).jdbcUrl(""), "root", "");
    }

    private static Connection login(String user, String database) throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + proxy.port() + "/" + database
                + "?sslMode=DISABLED&allowPublicKeyRetrieval=true", user, user);
    }

    private static SQLException refused(String user, String sql) {
        return assertThrows(SQLException.class, () -> {
            try (Connection c = login(user, DB); Statement s = c.createStatement()) {
                s.execute(sql);
            }
        }, () -> user + " ran " + sql);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "SHUTDOWN|1227", "SET GLOBAL max_connections = 5|1227", "FLUSH PRIVILEGES|1227", "FLUSH TABLES WITH READ LOCK|1227",
            "GRANT ALL ON *.* TO 'x'@'%'|1227", "CREATE USER evil IDENTIFIED BY 'x'|1227", "SET sql_log_bin = 0|1227",
            "INSTALL SONAME 'ha_blackhole'|1227", "RESET MASTER|1227", "STOP SLAVE|1227", "KILL USER root|1227",
            "PURGE BINARY LOGS BEFORE NOW()|1227", "SELECT LOAD_FILE('/etc/passwd')|1227",
            "SELECT 1 INTO OUTFILE '/tmp/shardwire-privileges-test'|1227", "SHOW SLAVE STATUS|1227",
            "SHOW ENGINE INNODB STATUS|1227", "SELECT * FROM information_schema.PROCESSLIST|1227",
            "SELECT user, host FROM mysql.user|1044", "SELECT COUNT(*) FROM customers c, mysql.user mysql|1044",
            "USE mysql|1044", "SHOW TABLES FROM mysql|1044", "CREATE DATABASE privs_unconfigured|1044",
            "SELECT * FROM performance_schema.threads|1044", "PREPARE s FROM 'SHUTDOWN'|1227",
            "PREPARE s FROM @text|1227", "EXECUTE IMMEDIATE CONCAT('SHUT', 'DOWN')|1227",
            "CREATE PROCEDURE privs_p() BEGIN SHUTDOWN; END|1227"})
    void aPlainUserCannotActOnTheServer(String sql, int errorCode) throws SQLException {
        SQLException e = refused("app", sql);
        assertEquals(errorCode, e.getErrorCode(), e.getMessage());
        assertEquals("42000", e.getSQLState(), e.getMessage());
        assertBackendsServing();
    }

    @Test
    void evenAnAdminDoesNotStopABackendThroughTheProxy() throws SQLException {
        SQLException e = refused("admin", "SHUTDOWN");
        assertEquals(1227, e.getErrorCode());
        assertTrue(e.getMessage().contains("run it on the backend server itself"), e.getMessage());
        assertBackendsServing();
        try (Connection c = login("admin", DB); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM mysql.user")) {
            assertTrue(rs.next(), "admins may read the default shard's system tables");
        }
    }

    @Test
    void userAndGrantsDescribeTheProxyLogin() throws SQLException {
        try (Connection c = login("app", DB); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT USER(), CURRENT_USER(), CURRENT_USER, SESSION_USER()")) {
                assertTrue(rs.next());
                assertEquals("app@127.0.0.1", rs.getString(1));
                assertEquals("app@%", rs.getString(2));
                assertEquals("app@%", rs.getString(3));
                assertEquals("app@127.0.0.1", rs.getString(4));
            }
            assertEquals(List.of("GRANT USAGE ON *.* TO `app`@`%`", "GRANT ALL PRIVILEGES ON `privs`.* TO `app`@`%`",
                    "GRANT ALL PRIVILEGES ON `privs_other`.* TO `app`@`%`"), column(s, "SHOW GRANTS"));
            assertEquals(1044, assertThrows(SQLException.class, () -> column(s, "SHOW GRANTS FOR admin")).getErrorCode());
        }
        try (Connection c = login("ro", DB); Statement s = c.createStatement()) {
            assertEquals(List.of("GRANT USAGE ON *.* TO `ro`@`%`", "GRANT SELECT ON `privs`.* TO `ro`@`%`",
                    "GRANT SELECT ON `privs_other`.* TO `ro`@`%`"), column(s, "SHOW GRANTS FOR CURRENT_USER()"));
        }
        try (Connection c = login("admin", DB); Statement s = c.createStatement()) {
            assertEquals(List.of("GRANT ALL PRIVILEGES ON *.* TO `admin`@`%`"), column(s, "SHOW GRANTS"));
            assertEquals(List.of("GRANT USAGE ON *.* TO `only`@`%`", "GRANT ALL PRIVILEGES ON `privs`.* TO `only`@`%`"),
                    column(s, "SHOW GRANTS FOR 'only'@'%'"));
        }
    }

    @Test
    void aReadOnlyUserReadsButCannotWrite() throws SQLException {
        try (Connection c = login("ro", DB); Statement s = c.createStatement()) {
            s.executeQuery("SELECT * FROM customers WHERE id = 1").close();
            for (String write : List.of("INSERT INTO customers VALUES (1, 'a')", "UPDATE customers SET name = 'b'",
                    "DELETE FROM customers", "CREATE TABLE ro_table (id INT)", "DROP TABLE customers",
                    "TRUNCATE TABLE customers", "REPLACE INTO customers VALUES (1, 'a')")) {
                SQLException e = assertThrows(SQLException.class, () -> s.execute(write), write);
                assertEquals(1142, e.getErrorCode(), e.getMessage());
                assertTrue(e.getMessage().contains("command denied to user 'ro'"), e.getMessage());
            }
        }
        // through server-side prepared statements too (Connector/J falls back to text when the prepare is refused)
        try (Connection c = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + proxy.port() + "/" + DB
                + "?sslMode=DISABLED&useServerPrepStmts=true", "ro", "ro")) {
            SQLException e = assertThrows(SQLException.class, () -> {
                var insert = c.prepareStatement("INSERT INTO customers VALUES (?, ?)");
                insert.setInt(1, 1);
                insert.setString(2, "a");
                insert.executeUpdate();
            });
            assertEquals(1142, e.getErrorCode(), e.getMessage());
        }
        try (Connection c = login("app", DB); Statement s = c.createStatement()) {
            s.execute("REPLACE INTO customers VALUES (7, 'writer')");
            assertEquals(1, s.executeUpdate("DELETE FROM customers WHERE id = 7"), "app may write");
        }
    }

    @Test
    void aUserSeesAndUsesOnlyItsDatabases() throws SQLException {
        SQLException login = assertThrows(SQLException.class, () -> login("only", OTHER).close());
        assertEquals(1044, login.getErrorCode(), login.getMessage());
        try (Connection c = login("only", DB); Statement s = c.createStatement()) {
            assertEquals(List.of("information_schema", "privs"), column(s, "SHOW DATABASES"));
            for (String sql : List.of("USE privs_other", "SELECT * FROM privs_other.secrets",
                    "SELECT * FROM customers WHERE id IN (SELECT id FROM privs_other.secrets)")) {
                SQLException e = assertThrows(SQLException.class, () -> s.execute(sql), sql);
                assertEquals(1044, e.getErrorCode(), e.getMessage());
            }
            s.executeQuery("SELECT COUNT(*) FROM customers").close();
        }
        try (Connection c = login("app", OTHER); Statement s = c.createStatement()) {
            s.executeQuery("SELECT * FROM secrets").close();
            assertEquals(List.of("information_schema", "privs", "privs_other"), column(s, "SHOW DATABASES"));
            assertEquals(List.of("privs_other"), column(s, "SHOW DATABASES LIKE 'privs\\_o%'"));
        }
    }

    @Test
    void aPlainUserSeesOnlyItsOwnSessions() throws SQLException {
        try (Connection admin = login("admin", DB); Connection app = login("app", DB); Statement s = app.createStatement()) {
            List<String> users = column(s, "SHOW PROCESSLIST", "User");
            assertFalse(users.isEmpty());
            assertTrue(users.stream().allMatch("app"::equals), users.toString());
            try (Statement a = admin.createStatement()) {
                assertTrue(column(a, "SHOW PROCESSLIST", "User").contains("app"), "admins see every session");
            }
        }
    }

    private static void assertBackendsServing() throws SQLException {
        for (int i = 0; i < 2; i++) {
            try (Connection root = root(i); Statement s = root.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
                assertTrue(rs.next(), "backend s" + i + " answers");
            }
        }
    }

    private static List<String> column(Statement s, String sql) throws SQLException {
        return column(s, sql, null);
    }

    private static List<String> column(Statement s, String sql, String name) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                values.add(name == null ? rs.getString(1) : rs.getString(name));
            }
        }
        return values;
    }
}
