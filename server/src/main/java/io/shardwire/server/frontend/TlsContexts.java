package io.shardwire.server.frontend;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;

/**
 * The server-side TLS context for clients: from PEM files when configured, else a throw-away self-signed
 * certificate made at start with the JDK's own keytool (no extra crypto library needed).
 */
public final class TlsContexts {
    private static final char[] STORE_PASSWORD = "shardwire".toCharArray();

    private TlsContexts() {
    }

    public static SslContext fromPem(Path cert, Path key) throws IOException {
        return SslContextBuilder.forServer(cert.toFile(), key.toFile()).build();
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
            return SslContextBuilder.forServer(kmf).build();
        } finally {
            Files.deleteIfExists(store);
            Files.deleteIfExists(dir);
        }
    }
}
