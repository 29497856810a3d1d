package io.shardwire.it.clients;

import static io.shardwire.it.clients.DriverView.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shardwire.embedded.MariaDbCluster;
import io.shardwire.it.harness.MariaDbBackends;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Logging in through the proxy: wrong passwords, unknown users and unknown databases are refused with the
 * server's error numbers and SQLSTATEs, for both JDBC drivers; TLS works with the self-signed certificate the
 * proxy makes at start.
 */
@MariaDbBackends(count = 3)
class AuthAndTlsTest {
    private static Endpoints db;

    @BeforeAll
    static void start(MariaDbCluster cluster) throws Exception {
        // failed logins are throttled per address; no delays here, where they are not what is tested
        db = Endpoints.start(cluster, "it_auth", "login_delay_max_ms: 0");
    }

    @AfterAll
    static void stop() throws SQLException {
        if (db != null) {
            db.close();
        }
    }

    private static SQLException refused(String url, String user, String password) {
        return assertThrows(SQLException.class, () -> DriverManager.getConnection(url, user, password).close(),
                user + " at " + url);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"mysql", "mariadb"})
    void wrongPasswordIsRefusedWith1045(String driver) {
        String url = url(driver, db.database(), "");
        SQLException e = refused(url, "app", "wrong");
        assertEquals(1045, e.getErrorCode(), e.getMessage());
        assertEquals("28000", e.getSQLState(), e.getMessage());
        assertTrue(e.getMessage().contains("Access denied for user 'app'"), e.getMessage());
        SQLException empty = refused(url, "app", "");
        assertEquals(1045, empty.getErrorCode(), empty.getMessage());
        assertTrue(empty.getMessage().contains("(using password: NO)"), empty.getMessage());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"mysql", "mariadb"})
    void unknownUserIsRefusedWith1045(String driver) {
        SQLException e = refused(url(driver, db.database(), ""), "nobody", "app");
        assertEquals(1045, e.getErrorCode(), e.getMessage());
        assertEquals("28000", e.getSQLState(), e.getMessage());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"mysql", "mariadb"})
    void unknownDatabaseAtConnectIsRefusedWith1049LikeDirect(String driver) {
        SQLException viaProxy = refused(url(driver, "no_such_db", ""), "app", "app");
        String direct = driver.equals("mysql")
                ? "jdbc:mysql://127.0.0.1:" + db.backend().port() + "/no_such_db?sslMode=DISABLED"
                : "jdbc:mariadb://127.0.0.1:" + db.backend().port() + "/no_such_db?sslMode=disable";
        SQLException directly = refused(direct, "root", "");
        assertEquals(1049, viaProxy.getErrorCode(), viaProxy.getMessage());
        assertEquals(directly.getErrorCode(), viaProxy.getErrorCode());
        assertEquals(directly.getSQLState(), viaProxy.getSQLState());
    }

    @Test
    void failedLoginsLeaveTheProxyServing() throws SQLException {
        // from an address of their own: the 20th failure blocks it (LoginHardeningTest), not the other tests' address
        for (int i = 0; i < 20; i++) {
            refused(url("mysql", db.database(), "&localSocketAddress=127.0.0.20"), "app", "wrong" + i);
        }
        try (Connection c = db.proxyCj(""); Statement s = c.createStatement()) {
            assertEquals("1", scalar(s, "SELECT 1"));
        }
    }

    @Test
    void connectorJWithTlsRequired() throws Exception {
        String url = "jdbc:mysql://127.0.0.1:" + db.proxyPort() + "/" + db.database() + "?sslMode=REQUIRED";
        try (Connection c = DriverManager.getConnection(url, "app", "app"); Statement s = c.createStatement()) {
            assertEquals("1", scalar(s, "SELECT 1"));
            assertTrue(tlsProtocol(c).startsWith("TLS"), tlsProtocol(c));
        }
    }

    @Test
    void mariaDbConnectorJWithTls() throws SQLException {
        // sslMode=trust requires TLS (it fails when the server does not offer it) but does not check the certificate
        String url = "jdbc:mariadb://127.0.0.1:" + db.proxyPort() + "/" + db.database() + "?sslMode=trust";
        try (Connection c = DriverManager.getConnection(url, "app", "app"); Statement s = c.createStatement()) {
            assertEquals("1", scalar(s, "SELECT 1"));
        }
    }

    private static String tlsProtocol(Connection c) throws SQLException, java.io.IOException {
        var session = (com.mysql.cj.NativeSession) c.unwrap(com.mysql.cj.jdbc.JdbcConnection.class).getSession();
        var socket = session.getProtocol().getSocketConnection().getMysqlSocket();
        assertTrue(socket instanceof javax.net.ssl.SSLSocket, "the driver's socket is " + socket.getClass());
        return ((javax.net.ssl.SSLSocket) socket).getSession().getProtocol();
    }

    private static String url(String driver, String database, String params) {
        return driver.equals("mysql")
                ? "jdbc:mysql://127.0.0.1:" + db.proxyPort() + "/" + database + "?sslMode=DISABLED" + params
                : "jdbc:mariadb://127.0.0.1:" + db.proxyPort() + "/" + database + "?sslMode=disable" + params;
    }
}
