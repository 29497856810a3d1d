package io.shardwire.it.clients;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority and a server certificate it signed (for 127.0.0.1), as PEM files, made with
 * the JDK's keytool. For clients that check the server's certificate against a CA file, such as sysbench with
 * {@code --mysql-ssl=on} (it reads {@code cacert.pem}, {@code client-cert.pem} and {@code client-key.pem} from its
 * working directory).
 *
 * @param dir holds {@code cacert.pem}, {@code server-cert.pem}, {@code server-key.pem} and the client copies
 */
record TestCertificates(Path dir) {
    private static final String PASSWORD = "changeit";

    static TestCertificates create(Path dir) {
        try {
            Files.createDirectories(dir);
            Path ca = dir.resolve("ca.p12");
            Path server = dir.resolve("server.p12");
            Files.deleteIfExists(ca);
            Files.deleteIfExists(server);
            keytool(dir, null, "-genkeypair", "-alias", "ca", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=shardwire test CA", "-ext", "bc:c", "-keystore", ca.toString());
            keytool(dir, null, "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=127.0.0.1", "-keystore", server.toString());
            String request = keytool(dir, null, "-certreq", "-alias", "server", "-keystore", server.toString());
            String signed = keytool(dir, request, "-gencert", "-alias", "ca", "-keystore", ca.toString(), "-rfc",
                    "-validity", "2", "-ext", "SAN=ip:127.0.0.1,dns:localhost");
            String caCert = keytool(dir, null, "-exportcert", "-alias", "ca", "-keystore", ca.toString(), "-rfc");
            String key = privateKeyPem(server);
            Files.writeString(dir.resolve("cacert.pem"), caCert);
            Files.writeString(dir.resolve("server-cert.pem"), signed + caCert);
            Files.writeString(dir.resolve("server-key.pem"), key);
            Files.writeString(dir.resolve("client-cert.pem"), signed);
            Files.writeString(dir.resolve("client-key.pem"), key);
            return new TestCertificates(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the generated key", e);
        }
    }

    Path serverCert() {
        return dir.resolve("server-cert.pem");
    }

    Path serverKey() {
        return dir.resolve("server-key.pem");
    }

    private static String keytool(Path dir, String stdin, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD, "-noprompt"));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(false).start();
        if (stdin != null) {
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.US_ASCII));
        }
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.US_ASCII);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool " + String.join(" ", args) + " failed: " + out + err);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for keytool", e);
        }
        return out;
    }

    private static String privateKeyPem(Path keyStore) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        PrivateKey key = (PrivateKey) store.getKey("server", PASSWORD.toCharArray());
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }
}
