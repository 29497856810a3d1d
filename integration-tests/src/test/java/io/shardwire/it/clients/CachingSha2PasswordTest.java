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
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Accounts with {@code auth_plugin: caching_sha2_password}. Like MySQL after a restart, the proxy knows no
 * account's password hash at first: a first login takes the full path (the password in clear over TLS, or RSA
 * encrypted with the proxy's public key without TLS), later ones the fast path (a scramble). Each test uses its
 * own account, so each sees its own first login whatever the order.
 */
@MariaDbBackends(count = 3)
class CachingSha2PasswordTest {
    private static final String SHA2 = ", auth_plugin: caching_sha2_password }";
    private static Endpoints db;

    @BeforeAll
    static void start(MariaDbCluster cluster) throws Exception {
        db = Endpoints.start(cluster, "it_sha2", "", String.join("\n",
                "{ name: sha_rsa, password: 'rsa secret'" + SHA2,
                "{ name: sha_tls, password: tls" + SHA2,
                "{ name: sha_mariadb, password: mariadb" + SHA2,
                "{ name: sha_cli, password: cli" + SHA2));
    }

    @AfterAll
    static void stop() throws SQLException {
        if (db != null) {
            db.close();
        }
    }

    private static String cjUrl(String params) {
        return "jdbc:mysql://127.0.0.1:" + db.proxyPort() + "/" + db.database() + "?" + params;
    }

    private static void assertLogsIn(String url, String user, String password) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            assertEquals("1", scalar(s, "SELECT 1"), user + " at " + url);
        }
    }

    @Test
    void connectorJWithoutTlsUsesRsaOnTheFirstLoginAndTheFastPathAfter() throws SQLException {
        String noKey = cjUrl("sslMode=DISABLED&allowPublicKeyRetrieval=false");
        SQLException needsKey = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(noKey, "sha_rsa", "rsa secret").close(),
                "a first login without TLS needs the full path, hence the proxy's RSA key");
        assertTrue(needsKey.getMessage().contains("Public Key Retrieval"), needsKey.getMessage());

        assertLogsIn(cjUrl("sslMode=DISABLED&allowPublicKeyRetrieval=true"), "sha_rsa", "rsa secret");
        // the proxy now knows the password: the fast path needs no key
        assertLogsIn(noKey, "sha_rsa", "rsa secret");

        SQLException wrong = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(noKey, "sha_rsa", "wrong").close());
        assertEquals(1045, wrong.getErrorCode(), wrong.getMessage());
        assertEquals("28000", wrong.getSQLState(), wrong.getMessage());
    }

    @Test
    void connectorJWithTlsSendsThePasswordInClearOnTheFirstLogin() throws SQLException {
        assertLogsIn(cjUrl("sslMode=REQUIRED&allowPublicKeyRetrieval=false"), "sha_tls", "tls");
        assertLogsIn(cjUrl("sslMode=DISABLED&allowPublicKeyRetrieval=false"), "sha_tls", "tls");
        SQLException wrong = assertThrows(SQLException.class, () -> DriverManager.getConnection(
                cjUrl("sslMode=REQUIRED&allowPublicKeyRetrieval=false"), "sha_tls", "wrong").close());
        assertEquals(1045, wrong.getErrorCode(), wrong.getMessage());
    }

    @Test
    void mariaDbConnectorJLogsInWithRsaThenTheFastPath() throws SQLException {
        String base = "jdbc:mariadb://127.0.0.1:" + db.proxyPort() + "/" + db.database() + "?sslMode=disable";
        assertLogsIn(base + "&allowPublicKeyRetrieval=true", "sha_mariadb", "mariadb");
        assertLogsIn(base, "sha_mariadb", "mariadb");
        assertLogsIn("jdbc:mariadb://127.0.0.1:" + db.proxyPort() + "/" + db.database() + "?sslMode=trust",
                "sha_mariadb", "mariadb");
        SQLException wrong = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(base, "sha_mariadb", "wrong").close());
        assertEquals(1045, wrong.getErrorCode(), wrong.getMessage());
    }

    @Test
    void mariadbCliLogsInOverTlsThenWithoutIt() {
        ExternalTool cli = ExternalTool.require("mariadb", "mariadb-client");
        List<String> common = List.of("--no-defaults", "-h127.0.0.1", "-P" + db.proxyPort(), "-usha_cli", "-pcli",
                "--batch", "-e", "SELECT 'in' AS logged");
        ExternalTool.Run first = cli.run(with(common, "--ssl"), "", 30);
        assertEquals("logged\nin\n", first.stdout(), first.toString());
        ExternalTool.Run fast = cli.run(with(common, "--skip-ssl"), "", 30);
        assertEquals("logged\nin\n", fast.stdout(), fast.toString());
        ExternalTool.Run wrong = cli.run(List.of("--no-defaults", "-h127.0.0.1", "-P" + db.proxyPort(), "-usha_cli",
                "-pwrong", "--skip-ssl", "-e", "SELECT 1"), "", 30);
        assertEquals(1, wrong.exitCode(), wrong.toString());
        assertTrue(wrong.stderr().contains("ERROR 1045 (28000)"), wrong.toString());
    }

    private static List<String> with(List<String> args, String option) {
        List<String> all = new java.util.ArrayList<>(List.of(args.get(0), option));
        all.addAll(args.subList(1, args.size()));
        return all;
    }
}
