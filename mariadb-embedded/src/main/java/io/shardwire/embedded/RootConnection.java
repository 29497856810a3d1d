package io.shardwire.embedded;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/** An administrative JDBC connection as root (empty password) to a server this module started. */
final class RootConnection {
    private RootConnection() {
    }

    static Connection open(int port, Duration connectTimeout) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "root");
        props.setProperty("password", "");
        props.setProperty("sslMode", "DISABLED");
        props.setProperty("connectTimeout", Long.toString(connectTimeout.toMillis()));
        props.setProperty("socketTimeout", "60000");
        return DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port + "/", props);
    }
}
