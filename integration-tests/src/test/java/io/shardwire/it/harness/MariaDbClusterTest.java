package io.shardwire.it.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shardwire.embedded.MariaDbCluster;
import io.shardwire.embedded.MariaDbServer;
import io.shardwire.embedded.MariaDbStartException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The harness itself: real servers, reachable as root, binlogging, with real grants, surviving restarts. */
@MariaDbBackends(count = 3)
class MariaDbClusterTest {

    @Test
    void startsThreeRunningServersOnDistinctPortsAndServerIds(MariaDbCluster cluster) {
        assertEquals(3, cluster.size());
        Set<Integer> ports = new HashSet<>();
        Set<Integer> serverIds = new HashSet<>();
        for (MariaDbServer server : cluster.servers()) {
            assertTrue(server.isRunning(), server + " is running");
            assertEquals("127.0.0.1", server.host());
            ports.add(server.port());
            serverIds.add(server.serverId());
        }
        assertEquals(3, ports.size(), "distinct ports " + ports);
        assertEquals(3, serverIds.size(), "distinct server ids " + serverIds);
    }

    @Test
    void eachServerAnswersConnectorJAsRootWithEmptyPassword(MariaDbCluster cluster) throws SQLException {
        for (MariaDbServer server : cluster.servers()) {
            try (Connection connection = DriverManager.getConnection(server.jdbcUrl(""), "root", "")) {
                List<String> row = queryRow(connection, "SELECT VERSION(), @@port, @@server_id, CURRENT_USER()");
                assertTrue(row.get(0).contains("MariaDB"), "version " + row.get(0));
                assertEquals(server.version(), row.get(0));
                assertEquals(List.of(Integer.toString(server.port()), Integer.toString(server.serverId())),
                        row.subList(1, 3));
                assertTrue(row.get(3).startsWith("root@"), "current user " + row.get(3));
            }
        }
    }

    @Test
    void mariaDbConnectorJConnectsToo(MariaDbCluster cluster) throws SQLException {
        MariaDbServer server = cluster.server(0);
        String url = "jdbc:mariadb://" + server.host() + ":" + server.port() + "/";
        try (Connection connection = DriverManager.getConnection(url, "root", "")) {
            assertEquals(List.of(server.version()), queryRow(connection, "SELECT VERSION()"));
        }
    }

    @Test
    void binlogIsRowBasedWithFullMetadataAndGtids(MariaDbCluster cluster) throws SQLException {
        for (MariaDbServer server : cluster.servers()) {
            try (Connection connection = rootConnection(server); Statement statement = connection.createStatement()) {
                assertEquals(List.of("1", "ROW", "FULL", "utf8mb4", "utf8mb4_general_ci", "500"), queryRow(connection,
                        "SELECT @@log_bin, @@binlog_format, @@binlog_row_metadata, @@character_set_server,"
                                + " @@collation_server, @@max_connections"));
                statement.execute("CREATE DATABASE it_binlog");
                try {
                    statement.execute("CREATE TABLE it_binlog.t (id INT PRIMARY KEY)");
                    statement.execute("INSERT INTO it_binlog.t VALUES (1)");
                    String gtidPosition = queryRow(connection, "SELECT @@gtid_binlog_pos").get(0);
                    assertTrue(gtidPosition.matches("0-" + server.serverId() + "-\\d+"), "gtid " + gtidPosition);
                } finally {
                    statement.execute("DROP DATABASE it_binlog");
                }
            }
        }
    }

    @Test
    void grantTablesAreReal(MariaDbCluster cluster) throws SQLException {
        MariaDbServer server = cluster.server(1);
        try (Connection root = rootConnection(server); Statement statement = root.createStatement()) {
            statement.execute("CREATE DATABASE it_grants");
            statement.execute("CREATE USER 'it_reader'@'%' IDENTIFIED BY 'secret'");
            try {
                statement.execute("GRANT SELECT ON it_grants.* TO 'it_reader'@'%'");
                SQLException wrongPassword = assertThrows(SQLException.class,
                        () -> DriverManager.getConnection(server.jdbcUrl("it_grants"), "it_reader", "wrong").close());
                assertEquals(1045, wrongPassword.getErrorCode(), wrongPassword.getMessage());
                String url = server.jdbcUrl("it_grants");
                try (Connection reader = DriverManager.getConnection(url, "it_reader", "secret");
                        Statement readerStatement = reader.createStatement()) {
                    SQLException denied = assertThrows(SQLException.class,
                            () -> readerStatement.execute("CREATE TABLE t (id INT)"));
                    assertEquals(1142, denied.getErrorCode(), denied.getMessage());
                }
            } finally {
                statement.execute("DROP USER 'it_reader'@'%'");
                statement.execute("DROP DATABASE it_grants");
            }
        }
    }

    @Test
    void stoppedServerRefusesConnectionsAndRestartsOnSamePortWithItsData(MariaDbCluster cluster) throws SQLException {
        MariaDbServer server = cluster.server(2);
        int port = server.port();
        execute(server, "CREATE DATABASE it_restart",
                "CREATE TABLE it_restart.t (id INT PRIMARY KEY, name VARCHAR(10))",
                "INSERT INTO it_restart.t VALUES (1, 'kept')");
        try {
            server.stop();
            assertFalse(server.isRunning());
            assertThrows(SQLException.class, () -> rootConnection(server).close());
            server.stop();

            server.restart();
            assertTrue(server.isRunning());
            assertEquals(port, server.port());
            try (Connection connection = rootConnection(server)) {
                assertEquals(List.of("1", "kept"), queryRow(connection, "SELECT id, name FROM it_restart.t"));
            }
        } finally {
            execute(server, "DROP DATABASE IF EXISTS it_restart");
        }
    }

    @Test
    void killedServerRecoversCommittedRowsOnRestart(MariaDbCluster cluster) throws SQLException {
        MariaDbServer server = cluster.server(0);
        execute(server, "CREATE DATABASE it_crash", "CREATE TABLE it_crash.t (id INT PRIMARY KEY)",
                "INSERT INTO it_crash.t VALUES (1), (2), (3)");
        try {
            server.kill();
            assertFalse(server.isRunning());
            server.restart();
            try (Connection connection = rootConnection(server)) {
                assertEquals(List.of("3"), queryRow(connection, "SELECT COUNT(*) FROM it_crash.t"));
            }
        } finally {
            execute(server, "DROP DATABASE IF EXISTS it_crash");
        }
    }

    @Test
    void failedStartThrowsWithTheServerErrorLog(MariaDbCluster cluster) {
        Path baseDir = cluster.server(0).dir().getParent();
        MariaDbStartException failure = assertThrows(MariaDbStartException.class, () -> MariaDbServer.start(
                MariaDbBackendsExtension.binaries(), baseDir, "bad-option", List.of("--no-such-option=1")));
        assertTrue(failure.getMessage().contains("unknown variable 'no-such-option=1'"), failure.getMessage());
        assertTrue(failure.getMessage().contains("before accepting connections"), failure.getMessage());
    }

    private static Connection rootConnection(MariaDbServer server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl("") + "?connectTimeout=2000", "root", "");
    }

    private static void execute(MariaDbServer server, String... statements) throws SQLException {
        try (Connection connection = rootConnection(server); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static List<String> queryRow(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            assertTrue(rows.next(), "a row from " + sql);
            int columns = rows.getMetaData().getColumnCount();
            String[] values = new String[columns];
            for (int i = 0; i < columns; i++) {
                values[i] = rows.getString(i + 1);
            }
            return List.of(values);
        }
    }
}
