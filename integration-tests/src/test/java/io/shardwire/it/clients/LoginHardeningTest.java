package io.shardwire.it.clients;

import static io.shardwire.it.clients.DriverView.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shardwire.embedded.MariaDbCluster;
import io.shardwire.it.harness.MariaDbBackends;
import io.shardwire.it.harness.ProxyUnderTest;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Login hardening: failed-login throttling per client address (delays, then ER_HOST_IS_BLOCKED, FLUSH HOSTS), an
 * unknown user indistinguishable from a wrong password, user names cut in errors, MySQL password hashes,
 * passwords from a file or the environment, require_tls, and the connection slot kept for admins.
 *
 * <p>Throttling counts per client address, so each test logs in from its own loopback address (Linux routes all
 * of 127.0.0.0/8 to lo, and both drivers can bind the client side of the socket: {@code localSocketAddress}).
 */
@MariaDbBackends(count = 3)
class LoginHardeningTest {
    private static final String DB = "it_login";
    /** {@code SELECT PASSWORD('secret')}; the test checks it against the backend. */
    private static final String HASH_OF_SECRET = "*14E65567ABDB5135D0CFD9A70B3032C179A49EE7";
    /** Short, so the test sees a block run out: 5 free failures, 100/200/400/800 ms delays, blocked at the 12th. */
    private static final String THROTTLE = String.join("\n", "login_failures_before_delay: 5",
            "login_block_after_failures: 12", "login_block_seconds: 4", "login_delay_max_ms: 800");
    private static final int ATTEMPTS = 200;

    private static MariaDbCluster cluster;
    private static ProxyUnderTest proxy;

    @BeforeAll
    static void start(MariaDbCluster c) throws Exception {
        cluster = c;
        proxy = ProxyUnderTest.start(cluster, 1, DB, THROTTLE, "", String.join("\n",
                "{ name: hashed, password: \"" + HASH_OF_SECRET + "\" }",
                "{ name: tls_only, password: t, require_tls: true }",
                "{ name: other, password: other }"));
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }

    private static String cjUrl(ProxyUnderTest p, String from, String params) {
        return p.mysqlUrl(DB, "localSocketAddress=" + from + "&connectTimeout=20000" + (params.isEmpty() ? "" : "&" + params));
    }

    /** 0 when the login succeeded, else the error number the driver reports. */
    private static int attempt(String url, String user, String password) {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            assertEquals("1", scalar(s, "SELECT 1"));
            return 0;
        } catch (SQLException e) {
            return e.getErrorCode();
        }
    }

    private static SQLException refused(String url, String user, String password) {
        return assertThrows(SQLException.class, () -> DriverManager.getConnection(url, user, password).close(), user);
    }

    /** Wrong passwords as fast as one client can send them; returns {1045 answers, 1129 answers, elapsed ms}. */
    private static long[] bruteForce(ProxyUnderTest p, String from) {
        long denied = 0;
        long blocked = 0;
        long start = System.nanoTime();
        for (int i = 0; i < ATTEMPTS; i++) {
            int code = attempt(cjUrl(p, from, ""), "app", "guess" + i);
            if (code == 1045) {
                denied++;
            } else if (code == 1129) {
                blocked++;
            } else {
                throw new AssertionError("attempt " + i + " answered " + code);
            }
        }
        return new long[] {denied, blocked, (System.nanoTime() - start) / 1_000_000};
    }

    @Test
    void bruteForceIsSlowedThenBlockedWhileOtherAddressesLogIn() throws Exception {
        long[] unthrottled;
        try (ProxyUnderTest open = ProxyUnderTest.start(cluster, 1, DB,
                "login_failures_before_delay: 1000000\nlogin_block_after_failures: 0")) {
            unthrottled = bruteForce(open, "127.0.0.1");
        }
        long[] throttled = bruteForce(proxy, "127.0.0.2");
        double before = unthrottled[0] * 1000.0 / Math.max(1, unthrottled[2]);
        double guesses = throttled[0] * 1000.0 / Math.max(1, throttled[2]);
        double attempts = ATTEMPTS * 1000.0 / Math.max(1, throttled[2]);
        System.out.printf("brute force, %d wrong passwords from one address: without throttling %.0f guesses/s;"
                        + " with it %d guesses checked and %d refused as blocked in %d ms: %.1f guesses/s, %.0f attempts/s%n",
                ATTEMPTS, before, throttled[0], throttled[1], throttled[2], guesses, attempts);
        assertEquals(ATTEMPTS, unthrottled[0]);
        assertEquals(12, throttled[0], "the 12th failure blocks the address; the rest are refused unchecked");
        assertEquals(ATTEMPTS - 12, throttled[1]);
        assertTrue(guesses < 5 && guesses * 20 < before, guesses + " guesses/s against " + before + " unthrottled");
        assertTrue(throttled[2] >= 100 + 200 + 400 + 800 * 4, "delays add up: " + throttled[2] + " ms");

        SQLException right = refused(cjUrl(proxy, "127.0.0.2", ""), "app", "app");
        assertEquals(1129, right.getErrorCode(), right.getMessage());
        assertTrue(right.getMessage().matches("(?s).*Host '127\\.0\\.0\\.2' is blocked because of many connection errors"
                + " \\(12 failed logins\\); it is unblocked in [1-4] seconds, or at once by an admin's FLUSH HOSTS through"
                + " shardwire.*"), right.getMessage());
        assertFalse(right.getMessage().contains("#HY000"), "no SQLSTATE marker before the greeting: " + right.getMessage());
        assertEquals(0, attempt(cjUrl(proxy, "127.0.0.3", ""), "app", "app"), "another address is not blocked");
        assertEquals(0, attempt(cjUrl(proxy, "127.0.0.3", ""), "other", "other"));
        String metrics = metrics(proxy);
        assertEquals(1, metric(metrics, "shardwire_client_blocked_addresses"), metrics);
        assertTrue(metric(metrics, "shardwire_client_auth_failures_total") >= 12, metrics);
        assertTrue(metric(metrics, "shardwire_client_logins_throttled_total{action=\"delayed\"}") >= 7, metrics);
        assertTrue(metric(metrics, "shardwire_client_logins_throttled_total{action=\"blocked\"}") >= ATTEMPTS - 11, metrics);

        long deadline = System.currentTimeMillis() + 10_000;
        while (attempt(cjUrl(proxy, "127.0.0.2", ""), "app", "app") == 1129 && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
        }
        assertEquals(0, attempt(cjUrl(proxy, "127.0.0.2", ""), "app", "app"), "the block ran out; the right password works");
        assertEquals(0, metric(metrics(proxy), "shardwire_client_blocked_addresses"));
        assertEquals(1045, attempt(cjUrl(proxy, "127.0.0.2", ""), "app", "wrong"), "the success reset the count: no block");
        assertEquals(0, attempt(cjUrl(proxy, "127.0.0.2", ""), "app", "app"));
    }

    @Test
    void flushHostsUnblocksAndIsForAdminsOnly() throws SQLException {
        for (int i = 0; i < 12; i++) {
            assertEquals(1045, attempt(cjUrl(proxy, "127.0.0.4", ""), "app", "wrong"));
        }
        assertEquals(1129, attempt(cjUrl(proxy, "127.0.0.4", ""), "app", "app"));
        try (Connection app = DriverManager.getConnection(cjUrl(proxy, "127.0.0.5", ""), "app", "app");
             Statement s = app.createStatement()) {
            SQLException notAdmin = assertThrows(SQLException.class, () -> s.execute("FLUSH HOSTS"));
            assertEquals(1227, notAdmin.getErrorCode(), notAdmin.getMessage());
        }
        assertEquals(1129, attempt(cjUrl(proxy, "127.0.0.4", ""), "app", "app"));
        try (Connection admin = DriverManager.getConnection(cjUrl(proxy, "127.0.0.5", ""), "admin", "admin");
             Statement s = admin.createStatement()) {
            s.execute("FLUSH HOSTS");
        }
        assertEquals(0, attempt(cjUrl(proxy, "127.0.0.4", ""), "app", "app"));
    }

    /**
     * A client that asks for caching_sha2_password: a known mysql_native_password account gets an AuthSwitchRequest,
     * and so must an unknown user, then both get the same 1045. Before, an unknown user got the 1045 at once: a
     * difference that tells which names exist.
     */
    @Test
    void anUnknownUserTakesTheSameStepsAsAWrongPassword() throws IOException {
        List<String> known = rawLogin("127.0.0.6", "app");
        List<String> unknown = rawLogin("127.0.0.6", "nobody");
        assertEquals(List.of("auth switch to mysql_native_password",
                "ERR 1045 #28000Access denied for user 'app'@'127.0.0.6' (using password: YES)"), known);
        assertEquals(List.of("auth switch to mysql_native_password",
                "ERR 1045 #28000Access denied for user 'nobody'@'127.0.0.6' (using password: YES)"), unknown);
        SQLException cj = refused(cjUrl(proxy, "127.0.0.6", ""), "nobody", "app");
        assertEquals(1045, cj.getErrorCode(), cj.getMessage());
        assertEquals("28000", cj.getSQLState(), cj.getMessage());
    }

    @Test
    void aLongUserNameIsCutInTheError() {
        String name = "x".repeat(10_240);
        for (String url : List.of(cjUrl(proxy, "127.0.0.7", ""), proxy.mariadbUrl(DB, "localSocketAddress=127.0.0.7"))) {
            SQLException e = refused(url, name, "app");
            assertEquals(1045, e.getErrorCode(), e.getMessage());
            assertTrue(e.getMessage().contains("Access denied for user '" + "x".repeat(80) + "...'@'127.0.0.7'"),
                    e.getMessage().substring(0, Math.min(300, e.getMessage().length())));
            assertTrue(e.getMessage().length() < 400, "the message has " + e.getMessage().length() + " characters");
        }
    }

    @Test
    void aMySqlPasswordHashLogsInWithNativePassword() throws SQLException {
        try (Connection root = DriverManager.getConnection(cluster.server(0).jdbcUrl(""), "root", "");
             Statement s = root.createStatement()) {
            assertEquals(HASH_OF_SECRET, scalar(s, "SELECT PASSWORD('secret')"), "the hash in the configuration is MariaDB's");
        }
        assertEquals(0, attempt(cjUrl(proxy, "127.0.0.8", ""), "hashed", "secret"));
        assertEquals(0, attempt(proxy.mariadbUrl(DB, "localSocketAddress=127.0.0.8"), "hashed", "secret"));
        assertEquals(1045, attempt(cjUrl(proxy, "127.0.0.8", ""), "hashed", HASH_OF_SECRET), "the hash is no password");
        assertEquals(1045, attempt(cjUrl(proxy, "127.0.0.8", ""), "hashed", "Secret"));
        ExternalTool cli = ExternalTool.require("mariadb", "mariadb-client");
        ExternalTool.Run run = cli.run(List.of("--no-defaults", "-h127.0.0.1", "-P" + proxy.port(), "-uhashed",
                "-psecret", "--skip-ssl", "--batch", "-e", "SELECT 'in' AS logged"), "", 30);
        assertEquals("logged\nin\n", run.stdout(), run.toString());
    }

    @Test
    void requireTlsRefusesPlainConnectionsAfterThePasswordCheck() throws SQLException {
        SQLException plain = refused(cjUrl(proxy, "127.0.0.9", ""), "tls_only", "t");
        assertEquals(1045, plain.getErrorCode(), plain.getMessage());
        assertEquals("28000", plain.getSQLState(), plain.getMessage());
        SQLException mariadbPlain = refused(proxy.mariadbUrl(DB, "localSocketAddress=127.0.0.9"), "tls_only", "t");
        assertEquals(1045, mariadbPlain.getErrorCode(), mariadbPlain.getMessage());
        String tls = "jdbc:mysql://127.0.0.1:" + proxy.port() + "/" + DB + "?sslMode=REQUIRED&localSocketAddress=127.0.0.9";
        assertEquals(0, attempt(tls, "tls_only", "t"));
        assertEquals(1045, attempt(tls, "tls_only", "wrong"));
        String mariadbTls = "jdbc:mariadb://127.0.0.1:" + proxy.port() + "/" + DB + "?sslMode=trust&localSocketAddress=127.0.0.9";
        assertEquals(0, attempt(mariadbTls, "tls_only", "t"));
    }

    @Test
    void passwordsFromAFileAndTheEnvironmentAreReadAgainOnReload(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("file_user.secret");
        Files.writeString(secret, "first secret\n");
        Path config = dir.resolve("proxy.yaml");
        Files.writeString(config, ProxyUnderTest.configYaml(cluster, 1, DB, "", "", String.join("\n",
                "{ name: file_user, password_file: file_user.secret }",
                "{ name: env_user, password_env: SHARDWIRE_IT_PASSWORD }")));
        try (ProxyUnderTest fromFile = ProxyUnderTest.startFromFile(config)) {
            assertEquals(0, attempt(cjUrl(fromFile, "127.0.0.10", ""), "file_user", "first secret"), "newline stripped");
            assertEquals(0, attempt(cjUrl(fromFile, "127.0.0.10", ""), "env_user", "from the environment"));
            Files.writeString(secret, "second secret\n");
            assertEquals(0, attempt(cjUrl(fromFile, "127.0.0.10", ""), "file_user", "first secret"), "until the reload");
            try (Connection admin = DriverManager.getConnection(cjUrl(fromFile, "127.0.0.10", ""), "admin", "admin");
                 Statement s = admin.createStatement()) {
                s.execute("RELOAD CONFIG");
                Files.delete(secret);
                SQLException missing = assertThrows(SQLException.class, () -> s.execute("RELOAD CONFIG"));
                assertTrue(missing.getMessage().contains("user 'file_user': cannot read the password file " + secret),
                        missing.getMessage());
                assertFalse(missing.getMessage().contains("second secret"), missing.getMessage());
            }
            assertEquals(1045, attempt(cjUrl(fromFile, "127.0.0.10", ""), "file_user", "first secret"));
            assertEquals(0, attempt(cjUrl(fromFile, "127.0.0.10", ""), "file_user", "second secret"));
        }
    }

    @Test
    void oneConnectionPastMaxConnectionsIsKeptForAnAdmin() throws Exception {
        try (ProxyUnderTest small = ProxyUnderTest.start(cluster, 1, DB, "max_connections: 3")) {
            List<Connection> open = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    open.add(DriverManager.getConnection(cjUrl(small, "127.0.0.11", ""), "app", "app"));
                }
                SQLException app = refused(cjUrl(small, "127.0.0.11", ""), "app", "app");
                assertEquals(1040, app.getErrorCode(), app.getMessage());
                Connection admin = DriverManager.getConnection(cjUrl(small, "127.0.0.11", ""), "admin", "admin");
                open.add(admin);
                try (Statement s = admin.createStatement()) {
                    assertEquals("1", scalar(s, "SELECT 1"));
                }
                SQLException secondAdmin = refused(cjUrl(small, "127.0.0.11", ""), "admin", "admin");
                assertEquals(1040, secondAdmin.getErrorCode(), secondAdmin.getMessage());
                assertEquals(4, small.server().context().sessions().size());
            } finally {
                for (Connection c : open) {
                    c.close();
                }
            }
        }
    }

    /**
     * Logs in by hand asking for caching_sha2_password with a made-up 32-byte scramble, answers an AuthSwitchRequest
     * with 20 made-up bytes, and describes each server packet: what an unknown user sees must not differ from what a
     * known one with a wrong password sees.
     */
    private static List<String> rawLogin(String from, String user) throws IOException {
        List<String> seen = new ArrayList<>();
        try (Socket socket = new Socket("127.0.0.1", proxy.port(), java.net.InetAddress.getByName(from), 0)) {
            socket.setSoTimeout(20_000);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            readPacket(in); // greeting
            int capabilities = 0x1 | 0x200 | 0x8000 | 0x80000; // LONG_PASSWORD, PROTOCOL_41, SECURE_CONNECTION, PLUGIN_AUTH
            var response = new java.io.ByteArrayOutputStream();
            response.write(new byte[] {(byte) capabilities, (byte) (capabilities >> 8), (byte) (capabilities >> 16), 0});
            response.write(new byte[] {0, 0, 0, 1, 45});
            response.write(new byte[23]);
            response.write(user.getBytes(StandardCharsets.UTF_8));
            response.write(0);
            response.write(32);
            response.write(new byte[32]);
            response.write("caching_sha2_password".getBytes(StandardCharsets.US_ASCII));
            response.write(0);
            writePacket(out, 1, response.toByteArray());
            byte[] answer = readPacket(in);
            while (true) {
                if ((answer[0] & 0xFF) == 0xFE) {
                    int end = 1;
                    while (answer[end] != 0) {
                        end++;
                    }
                    seen.add("auth switch to " + new String(answer, 1, end - 1, StandardCharsets.US_ASCII));
                    writePacket(out, 3, new byte[20]);
                    answer = readPacket(in);
                } else if ((answer[0] & 0xFF) == 0xFF) {
                    int code = (answer[1] & 0xFF) | (answer[2] & 0xFF) << 8;
                    seen.add("ERR " + code + " " + new String(answer, 3, answer.length - 3, StandardCharsets.UTF_8));
                    return seen;
                } else {
                    seen.add("packet 0x" + Integer.toHexString(answer[0] & 0xFF));
                    return seen;
                }
            }
        }
    }

    private static void writePacket(OutputStream out, int sequenceId, byte[] payload) throws IOException {
        out.write(new byte[] {(byte) payload.length, (byte) (payload.length >> 8), (byte) (payload.length >> 16),
                (byte) sequenceId});
        out.write(payload);
        out.flush();
    }

    private static byte[] readPacket(DataInputStream in) throws IOException {
        int length = in.readUnsignedByte() | in.readUnsignedByte() << 8 | in.readUnsignedByte() << 16;
        in.readUnsignedByte();
        byte[] payload = new byte[length];
        in.readFully(payload);
        return payload;
    }

    private static String metrics(ProxyUnderTest p) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + p.adminPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    /** The value of one sample, named as {@code name} or {@code name{tag="value"}}. */
    private static double metric(String text, String sample) {
        int brace = sample.indexOf('{');
        String name = brace < 0 ? sample : sample.substring(0, brace);
        String tag = brace < 0 ? "" : sample.substring(brace + 1, sample.length() - 1);
        for (String line : text.split("\n")) {
            if ((line.startsWith(name + " ") || line.startsWith(name + "{")) && line.contains(tag)) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no sample " + sample);
    }
}
