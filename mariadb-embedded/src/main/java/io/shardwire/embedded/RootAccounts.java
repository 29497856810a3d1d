package io.shardwire.embedded;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes root (empty password, all privileges) reachable from any host. Idempotent.
 *
 * <p>mariadb-install-db creates root for localhost, 127.0.0.1, ::1 and the machine's host name; the last is
 * useless under {@code --skip-name-resolve} and only adds a warning to every start, so it is dropped.
 */
final class RootAccounts {
    private RootAccounts() {
    }

    static void openToAnyHost(int port) throws SQLException {
        try (Connection connection = RootConnection.open(port, Duration.ofSeconds(5));
                Statement statement = connection.createStatement()) {
            // Setup is not data: keep it out of the binlog so tests see an empty GTID position at start.
            statement.execute("SET SESSION sql_log_bin = 0");
            statement.execute("CREATE USER IF NOT EXISTS 'root'@'%'");
            statement.execute("GRANT ALL PRIVILEGES ON *.* TO 'root'@'%' WITH GRANT OPTION");
            for (String host : namedRootHosts(statement)) {
                statement.execute("DROP USER 'root'@'" + host.replace("'", "''") + "'");
            }
        }
    }

    private static List<String> namedRootHosts(Statement statement) throws SQLException {
        List<String> hosts = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery("SELECT host FROM mysql.user WHERE user = 'root'"
                + " AND host NOT IN ('localhost', '127.0.0.1', '::1', '%')")) {
            while (rows.next()) {
                hosts.add(rows.getString(1));
            }
        }
        return hosts;
    }
}
