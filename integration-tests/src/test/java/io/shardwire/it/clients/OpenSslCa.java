package io.shardwire.it.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;

/**
 * A throw-away certificate authority made with the {@code openssl} command, the way the README's TLS recipe
 * tells an operator to: a root CA, an intermediate CA signed by it, and server certificates for 127.0.0.1 and
 * localhost signed by the intermediate. Clients trust only the root, so a server must send the intermediate too:
 * its cert file holds the chain.
 *
 * <p>Immutable; its files live in {@code dir}.
 */
record OpenSslCa(ExternalTool openssl, Path dir) {
    static final String TRUST_STORE_PASSWORD = "changeit";

    /** The private key forms an operator may bring, each as OpenSSL writes it. */
    enum KeyForm {
        /** {@code BEGIN PRIVATE KEY}: what {@code openssl req -newkey} and {@code genpkey} write. */
        RSA_PKCS8,
        /** {@code BEGIN RSA PRIVATE KEY}: {@code openssl genrsa -traditional}, older OpenSSL and many CA tools. */
        RSA_PKCS1,
        /** {@code BEGIN EC PARAMETERS} + {@code BEGIN EC PRIVATE KEY}: {@code openssl ecparam -genkey}. */
        EC_SEC1
    }

    /** The server's files: {@code cert} is its certificate followed by the intermediate's. */
    record ServerFiles(Path cert, Path key) {
        String tlsYaml() {
            return "tls: { cert: " + cert + ", key: " + key + " }";
        }
    }

    static OpenSslCa create(Path dir) {
        OpenSslCa ca = new OpenSslCa(ExternalTool.require("openssl", "openssl"), dir);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("ca.ext"), "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ca.run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=shardwire test root CA",
                "-keyout", "root-key.pem", "-out", "root.pem");
        ca.run("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=shardwire test intermediate CA",
                "-keyout", "intermediate-key.pem", "-out", "intermediate.csr");
        ca.run("x509", "-req", "-in", "intermediate.csr", "-CA", "root.pem", "-CAkey", "root-key.pem",
                "-CAcreateserial", "-days", "2", "-extfile", "ca.ext", "-out", "intermediate.pem");
        return ca;
    }

    /** The CA certificate clients trust. */
    Path rootPem() {
        return dir.resolve("root.pem");
    }

    /** A server key in {@code form} and its certificate chain, signed by the intermediate CA. */
    ServerFiles server(KeyForm form) {
        String name = "server-" + form.name().toLowerCase(java.util.Locale.ROOT);
        String key = name + "-key.pem";
        switch (form) {
            case RSA_PKCS8 -> run("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", key);
            case RSA_PKCS1 -> run("genrsa", "-traditional", "-out", key, "2048");
            case EC_SEC1 -> run("ecparam", "-name", "prime256v1", "-genkey", "-out", key);
        }
        run("req", "-new", "-key", key, "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                "-out", name + ".csr");
        run("x509", "-req", "-in", name + ".csr", "-CA", "intermediate.pem", "-CAkey", "intermediate-key.pem",
                "-CAcreateserial", "-days", "2", "-copy_extensions", "copy", "-out", name + "-cert.pem");
        try {
            Path chain = dir.resolve(name + "-chain.pem");
            Files.writeString(chain, Files.readString(dir.resolve(name + "-cert.pem"))
                    + Files.readString(dir.resolve("intermediate.pem")));
            return new ServerFiles(chain, dir.resolve(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PKCS#12 trust store holding the root CA only, for Connector/J's trustCertificateKeyStoreUrl. */
    Path rootTrustStore() {
        Path store = dir.resolve("root-truststore.p12");
        try (InputStream in = Files.newInputStream(rootPem()); OutputStream out = Files.newOutputStream(store)) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setCertificateEntry("root", CertificateFactory.getInstance("X.509").generateCertificate(in));
            keyStore.store(out, TRUST_STORE_PASSWORD.toCharArray());
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot write the trust store", e);
        }
    }

    private void run(String... args) {
        ExternalTool.Run run = openssl.run(List.of(args), "", 60, dir);
        assertEquals(0, run.exitCode(), "openssl " + String.join(" ", args) + "\n" + run);
    }
}
