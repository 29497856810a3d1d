package io.shardwire.it.clients;

import static io.shardwire.it.clients.DriverView.scalar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shardwire.embedded.MariaDbCluster;
import io.shardwire.it.harness.MariaDbBackends;
import io.shardwire.it.harness.ProxyUnderTest;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The client side of TLS: only TLS 1.2 and 1.3 are spoken; {@code SHOW STATUS LIKE 'Ssl%'} describes the client's
 * connection to the proxy (the backend's pooled connection is plain and would print empty values); a certificate
 * chain from a CA, in any key form OpenSSL writes, passes the checks of clients that verify the server, and the
 * default self-signed certificate does not.
 */
@MariaDbBackends(count = 3)
class ClientTlsTest {
    private static final long TIMEOUT_SECONDS = 60;
    private static final Pattern CLI_CIPHER = Pattern.compile("SSL:\\s+Cipher in use is (\\S+)");
    private static Endpoints db;
    private static MariaDbCluster backends;

    @BeforeAll
    static void start(MariaDbCluster cluster) throws Exception {
        backends = cluster;
        db = Endpoints.start(cluster, "it_client_tls");
    }

    @AfterAll
    static void stop() throws SQLException {
        if (db != null) {
            db.close();
        }
    }

    /** RFC 8996: a client that offers only TLS 1.1 gets the proxy's protocol_version alert, not a session. */
    @Test
    void tls11ClientIsRefused() throws Exception {
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> handshake("TLSv1.1").close());
        assertTrue(e.getMessage().contains("Received fatal alert: protocol_version"),
                "the proxy, not this JVM, must refuse: " + e);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void tls12And13AreSpoken(String version) throws Exception {
        try (SSLSocket socket = handshake(version)) {
            assertEquals(version, socket.getSession().getProtocol());
        }
        String url = "jdbc:mysql://127.0.0.1:" + db.proxyPort() + "/" + db.database()
                + "?sslMode=REQUIRED&enabledTLSProtocols=" + version;
        try (Connection c = DriverManager.getConnection(url, "app", "app"); Statement s = c.createStatement()) {
            assertEquals(version, status(s, "SHOW STATUS LIKE 'Ssl_version'").get("Ssl_version"));
        }
    }

    /**
     * The mariadb CLI names its cipher the OpenSSL way in {@code status}; SHOW STATUS in the same session must
     * print the same name and version, as MariaDB itself does.
     */
    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void showStatusNamesTheClientsCipherLikeTheCli(String version) {
        ExternalTool cli = ExternalTool.require("mariadb", "mariadb-client");
        ExternalTool.Run run = cli.run(List.of("--no-defaults", "-h127.0.0.1", "-P" + db.proxyPort(), "-uapp", "-papp",
                "--ssl", "--tls-version=" + version, "-e",
                "status; SHOW STATUS LIKE 'Ssl_cipher'; SHOW SESSION STATUS LIKE 'Ssl_version'", db.database()),
                "", TIMEOUT_SECONDS);
        assertEquals(0, run.exitCode(), run.toString());
        String cipher = cliCipher(run);
        assertTrue(run.stdout().contains("Variable_name\tValue\nSsl_cipher\t" + cipher + "\n"), run.toString());
        assertTrue(run.stdout().contains("Variable_name\tValue\nSsl_version\t" + version + "\n"), run.toString());
        if (version.equals("TLSv1.2")) {
            assertTrue(cipher.contains("-"), "OpenSSL's own name for a TLS 1.2 suite: " + cipher);
        } else {
            assertTrue(cipher.startsWith("TLS_"), cipher);
        }
    }

    /** Every Ssl_ name the proxy answers is one MariaDB has; over a plain connection their values are empty. */
    @Test
    void sslStatusOfAPlainConnectionIsEmptyAndNamedLikeMariaDb() throws SQLException {
        Map<String, String> proxied;
        try (Connection c = db.proxyCj(""); Statement s = c.createStatement()) {
            proxied = status(s, "SHOW STATUS LIKE 'Ssl%'");
        }
        Map<String, String> direct;
        try (Connection c = db.directCj(""); Statement s = c.createStatement()) {
            direct = status(s, "SHOW STATUS LIKE 'Ssl%'");
        }
        assertEquals(List.of("Ssl_cipher", "Ssl_cipher_list", "Ssl_server_not_after", "Ssl_server_not_before",
                "Ssl_version"), List.copyOf(proxied.keySet()));
        for (Map.Entry<String, String> row : proxied.entrySet()) {
            assertTrue(direct.containsKey(row.getKey()), row.getKey() + " is not a MariaDB status name: " + direct);
            assertEquals(direct.get(row.getKey()), row.getValue(), row.getKey());
            assertEquals("", row.getValue(), row.getKey());
        }
    }

    @Test
    void sslStatusOfATlsConnectionDescribesIt() throws SQLException {
        String url = "jdbc:mysql://127.0.0.1:" + db.proxyPort() + "/" + db.database() + "?sslMode=REQUIRED";
        try (Connection c = DriverManager.getConnection(url, "app", "app"); Statement s = c.createStatement()) {
            Map<String, String> ssl = status(s, "SHOW STATUS LIKE 'Ssl%'");
            assertEquals("TLSv1.3", ssl.get("Ssl_version"), ssl.toString());
            assertTrue(ssl.get("Ssl_cipher").matches("TLS_(AES_(128|256)_GCM_SHA(256|384)|CHACHA20_POLY1305_SHA256)"),
                    ssl.toString());
            assertTrue(List.of(ssl.get("Ssl_cipher_list").split(":")).contains(ssl.get("Ssl_cipher")), ssl.toString());
            assertTrue(ssl.get("Ssl_server_not_after").matches("[A-Z][a-z]{2} [ 1-3]\\d \\d\\d:\\d\\d:\\d\\d \\d{4} GMT"),
                    ssl.toString());
        }
    }

    /**
     * A chain from a CA (root, intermediate, server certificate for 127.0.0.1) in each key form OpenSSL writes:
     * the mariadb CLI with --ssl-verify-server-cert and Connector/J with VERIFY_IDENTITY accept it, trusting only
     * the root.
     */
    @ParameterizedTest(name = "[{index}] {0}")
    @EnumSource(OpenSslCa.KeyForm.class)
    void caSignedChainPassesVerifyingClients(OpenSslCa.KeyForm form) throws Exception {
        OpenSslCa ca = OpenSslCa.create(certificatesDir("ca-" + form));
        OpenSslCa.ServerFiles files = ca.server(form);
        try (ProxyUnderTest proxy = ProxyUnderTest.start(backends, 1, db.database(), files.tlsYaml())) {
            ExternalTool.Run run = verifyingCli(proxy.port(), ca.rootPem());
            assertEquals(0, run.exitCode(), run.toString());
            assertTrue(run.stdout().contains("Variable_name\tValue\nSsl_cipher\t" + cliCipher(run) + "\n"), run.toString());

            try (Connection c = DriverManager.getConnection(verifyingUrl(proxy.port(), "VERIFY_IDENTITY", ca), "app", "app");
                 Statement s = c.createStatement()) {
                assertEquals("1", scalar(s, "SELECT 1"));
            }
        }
    }

    /** The self-signed certificate the proxy makes by default is refused by clients that verify against a CA. */
    @Test
    void defaultSelfSignedCertificateFailsVerification() throws Exception {
        OpenSslCa ca = OpenSslCa.create(certificatesDir("ca-self-signed"));
        ExternalTool.Run run = verifyingCli(db.proxyPort(), ca.rootPem());
        assertNotEquals(0, run.exitCode(), run.toString());
        assertTrue(run.stderr().contains("ERROR 2026"), "a TLS error, not a login error:\n" + run);
        SQLException e = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(verifyingUrl(db.proxyPort(), "VERIFY_CA", ca), "app", "app").close());
        Throwable cause = e;
        while (cause != null && !(cause instanceof SSLHandshakeException)) {
            cause = cause.getCause();
        }
        StringBuilder chain = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            chain.append("\n  ").append(t);
        }
        assertTrue(cause != null && cause.getMessage().contains("Path does not chain with any of the trust anchors"), "not a trust failure:" + chain);
    }

    private static ExternalTool.Run verifyingCli(int port, Path rootPem) {
        ExternalTool cli = ExternalTool.require("mariadb", "mariadb-client");
        return cli.run(List.of("--no-defaults", "-h127.0.0.1", "-P" + port, "-uapp", "-papp", "--ssl",
                "--ssl-verify-server-cert", "--ssl-ca=" + rootPem, "-e", "status; SHOW STATUS LIKE 'Ssl_cipher'",
                db.database()), "", TIMEOUT_SECONDS);
    }

    private static String verifyingUrl(int port, String sslMode, OpenSslCa ca) {
        return "jdbc:mysql://127.0.0.1:" + port + "/" + db.database() + "?sslMode=" + sslMode
                + "&trustCertificateKeyStoreUrl=" + ca.rootTrustStore().toUri()
                + "&trustCertificateKeyStoreType=PKCS12&trustCertificateKeyStorePassword=" + OpenSslCa.TRUST_STORE_PASSWORD;
    }

    private static Path certificatesDir(String name) {
        return Path.of(System.getProperty("basedir", "."), "target", "client-tls", name);
    }

    private static String cliCipher(ExternalTool.Run run) {
        Matcher m = CLI_CIPHER.matcher(run.stdout());
        assertTrue(m.find(), "no 'Cipher in use' in\n" + run);
        return m.group(1);
    }

    private static Map<String, String> status(Statement s, String sql) throws SQLException {
        Map<String, String> rows = new LinkedHashMap<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getString(2));
            }
        }
        return rows;
    }

    /**
     * A TLS handshake with the proxy as a MySQL client starts one (MySQL "Connection Phase": read the greeting,
     * send an SSLRequest, then TLS), offering only {@code version}; trusts any certificate.
     */
    private static SSLSocket handshake(String version) throws Exception {
        Socket plain = new Socket("127.0.0.1", db.proxyPort());
        plain.setSoTimeout(10_000);
        DataInputStream in = new DataInputStream(plain.getInputStream());
        byte[] header = new byte[4];
        in.readFully(header);
        in.readFully(new byte[(header[0] & 0xFF) | (header[1] & 0xFF) << 8 | (header[2] & 0xFF) << 16]);
        int capabilities = 0x1 | 0x200 | 0x800 | 0x8000 | 0x80000; // LONG_PASSWORD, PROTOCOL_41, SSL, SECURE_CONNECTION, PLUGIN_AUTH
        ByteBuffer request = ByteBuffer.allocate(4 + 32).order(ByteOrder.LITTLE_ENDIAN);
        request.put((byte) 32).put((byte) 0).put((byte) 0).put((byte) 1);
        request.putInt(capabilities).putInt(16 * 1024 * 1024).put((byte) 45).put(new byte[23]);
        OutputStream out = plain.getOutputStream();
        out.write(request.array());
        out.flush();
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, "127.0.0.1", db.proxyPort(), true);
        socket.setEnabledProtocols(new String[] {version});
        try {
            socket.startHandshake();
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return socket;
    }

    /** Accepts any server certificate: these handshakes test protocol versions, not trust. */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
