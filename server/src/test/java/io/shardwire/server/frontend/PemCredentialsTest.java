package io.shardwire.server.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shardwire.shardmap.ConfigException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Certificate and key files as OpenSSL writes them (src/test/resources/tls, made with {@code openssl genpkey},
 * {@code openssl rsa -traditional}, {@code openssl ecparam -genkey}, {@code openssl pkcs8 -topk8}; throw-away keys
 * for these tests only): every common key form loads, and every mistake is refused naming the file and the fix.
 */
class PemCredentialsTest {

    private static Path fixture(String name) {
        try {
            return Path.of(PemCredentialsTest.class.getResource("/tls/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource({
            "rsa-cert.pem, rsa-pkcs8.pem, RSA",     // BEGIN PRIVATE KEY
            "rsa-cert.pem, rsa-pkcs1.pem, RSA",     // BEGIN RSA PRIVATE KEY
            "ec-cert.pem, ec-pkcs8.pem, EC",
            "ec-cert.pem, ec-sec1.pem, EC",         // BEGIN EC PARAMETERS, then BEGIN EC PRIVATE KEY
            "ec384-cert.pem, ec384-sec1.pem, EC",   // BEGIN EC PRIVATE KEY alone (-noout)
    })
    void keyFormsThatOpenSslWritesLoad(String cert, String key, String algorithm) throws Exception {
        PemCredentials credentials = PemCredentials.read(fixture(cert), fixture(key));
        assertEquals(algorithm, credentials.key().getAlgorithm());
        assertEquals(1, credentials.chain().size());
        TlsContexts.fromPem(fixture(cert), fixture(key));
    }

    @Test
    void certificateChainKeepsItsOrder(@TempDir Path dir) throws Exception {
        Path chain = dir.resolve("chain.pem");
        Files.writeString(chain, Files.readString(fixture("rsa-cert.pem")) + Files.readString(fixture("ec-cert.pem")));
        PemCredentials credentials = PemCredentials.read(chain, fixture("rsa-pkcs1.pem"));
        assertEquals(2, credentials.chain().size());
        assertEquals("RSA", credentials.chain().get(0).getPublicKey().getAlgorithm());
    }

    @Test
    void keyOfAnotherCertificateIsRefused() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> PemCredentials.read(fixture("ec384-cert.pem"), fixture("ec-sec1.pem")));
        assertTrue(e.getMessage().contains("ec384-cert.pem (CN=localhost) is not the one for the private key in"),
                e.getMessage());
        assertTrue(e.getMessage().contains("must start with the server's own certificate"), e.getMessage());
        ConfigException rsa = assertThrows(ConfigException.class,
                () -> PemCredentials.read(fixture("ec-cert.pem"), fixture("rsa-pkcs8.pem")));
        assertTrue(rsa.getMessage().contains("is not the one for the private key"), rsa.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"rsa-encrypted.pem", "rsa-pkcs1-encrypted.pem"})
    void encryptedKeyIsRefusedWithTheCommandThatDecryptsIt(String key) {
        ConfigException e = assertThrows(ConfigException.class,
                () -> PemCredentials.read(fixture("rsa-cert.pem"), fixture(key)));
        assertTrue(e.getMessage().startsWith("server.tls.key: the private key in "), e.getMessage());
        assertTrue(e.getMessage().contains(key + " is encrypted"), e.getMessage());
        assertTrue(e.getMessage().contains("'openssl pkcs8 -topk8 -nocrypt -in " + fixture(key)), e.getMessage());
    }

    @Test
    void filesWithoutTheirBlocksAreRefused(@TempDir Path dir) throws Exception {
        ConfigException swapped = assertThrows(ConfigException.class,
                () -> PemCredentials.read(fixture("rsa-pkcs8.pem"), fixture("rsa-cert.pem")));
        assertTrue(swapped.getMessage().startsWith("server.tls.cert: " + fixture("rsa-pkcs8.pem")
                + " holds no PEM certificate"), swapped.getMessage());
        ConfigException noKey = assertThrows(ConfigException.class,
                () -> PemCredentials.read(fixture("rsa-cert.pem"), fixture("rsa-cert.pem")));
        assertTrue(noKey.getMessage().startsWith("server.tls.key: " + fixture("rsa-cert.pem")
                + " holds no PEM private key"), noKey.getMessage());
        Path missing = dir.resolve("missing.pem");
        ConfigException absent = assertThrows(ConfigException.class,
                () -> PemCredentials.read(missing, fixture("rsa-pkcs8.pem")));
        assertTrue(absent.getMessage().startsWith("server.tls.cert: cannot read " + missing), absent.getMessage());
    }
}
