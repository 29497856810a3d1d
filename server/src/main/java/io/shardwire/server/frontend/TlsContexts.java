package io.shardwire.server.frontend;

import io.netty.handler.ssl.CipherSuiteConverter;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.shardwire.server.session.ClientTls;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;

/**
 * The server-side TLS context for clients: from PEM files when configured, else a throw-away self-signed
 * certificate made at start with the JDK's own keytool (no extra crypto library needed). Either way only TLS 1.2
 * and 1.3 are spoken (RFC 8996 deprecates 1.0 and 1.1), whatever the JDK's own settings would allow.
 */
public final class TlsContexts {
    /** The protocol versions clients may negotiate, newest first. */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    /** OpenSSL's ASN1_TIME_print form, which MariaDB shows in Ssl_server_not_before and _after. */
    private static final DateTimeFormatter OPENSSL_TIME = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss yyyy 'GMT'",
            Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final char[] STORE_PASSWORD = "shardwire".toCharArray();

    private TlsContexts() {
    }

    /** From {@code server.tls.cert} and {@code .key}; see {@link PemCredentials} for the forms read. */
    public static SslContext fromPem(Path cert, Path key) throws IOException {
        PemCredentials credentials = PemCredentials.read(cert, key);
        return SslContextBuilder.forServer(credentials.key(), credentials.chain().toArray(X509Certificate[]::new))
                .protocols(PROTOCOLS).build();
    }

    public static SslContext selfSigned() throws IOException, GeneralSecurityException, InterruptedException {
        Path dir = Files.createTempDirectory("shardwire-tls");
        Path store = dir.resolve("proxy.p12");
        try {
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            Process process = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "shardwire", "-keyalg", "RSA",
                    "-keysize", "2048", "-validity", "3650", "-dname", "CN=shardwire", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                    "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", new String(STORE_PASSWORD),
                    "-keypass", new String(STORE_PASSWORD)))
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool could not create a self-signed certificate: " + output);
            }
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keyStore.load(in, STORE_PASSWORD);
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, STORE_PASSWORD);
            return SslContextBuilder.forServer(kmf).protocols(PROTOCOLS).build();
        } finally {
            Files.deleteIfExists(store);
            Files.deleteIfExists(dir);
        }
    }

    /** What the client's finished TLS handshake on {@code handler} negotiated; {@link ClientTls#NONE} without TLS. */
    public static ClientTls describe(SslHandler handler) {
        if (handler == null) {
            return ClientTls.NONE;
        }
        SSLEngine engine = handler.engine();
        SSLSession session = engine.getSession();
        String cipherList = Arrays.stream(engine.getEnabledCipherSuites()).map(TlsContexts::openSslName)
                .collect(Collectors.joining(":"));
        Certificate[] local = session.getLocalCertificates();
        String notBefore = "";
        String notAfter = "";
        if (local != null && local.length > 0 && local[0] instanceof X509Certificate own) {
            notBefore = OPENSSL_TIME.format(own.getNotBefore().toInstant());
            notAfter = OPENSSL_TIME.format(own.getNotAfter().toInstant());
        }
        return new ClientTls(session.getProtocol(), openSslName(session.getCipherSuite()), cipherList, notBefore, notAfter);
    }

    /** The JDK's IANA name in OpenSSL's words; TLS 1.3 suites are named alike in both. */
    private static String openSslName(String javaName) {
        String openSsl = CipherSuiteConverter.toOpenSsl(javaName, false);
        return openSsl == null ? javaName : openSsl;
    }
}
