package io.shardwire.protocol.auth;

import static io.shardwire.protocol.testkit.Fixture.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import javax.crypto.Cipher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * caching_sha2_password. Expected fast-path scrambles were computed outside Java with
 * <pre>python3 -c "import hashlib as h;p=PW.encode();s=bytes.fromhex(SEED);a=h.sha256(p).digest();
 * m=h.sha256(h.sha256(a).digest()+s).digest();print(bytes(x^y for x,y in zip(a,m)).hex())"</pre>
 * The full path is exercised the way a client does it: encrypt with the PEM key the server hands out.
 */
class CachingSha2PasswordTest {
    static final String CAPTURED_SEED = NativePasswordTest.CAPTURED_SEED;
    static final String COUNTING_SEED = NativePasswordTest.COUNTING_SEED;

    private static CachingSha2Password plugin;

    @BeforeAll
    static void generateKey() {
        plugin = CachingSha2Password.withNewRsaKey();   // 2048-bit RSA: once for the class
    }

    @ParameterizedTest(name = "\"{0}\" with seed {1}")
    @CsvSource({
        // What libmariadb's caching_sha2_password plugin sent (fixtures/clients/mariadb-cli-caching-sha2-password.hex).
        "secret,   " + CAPTURED_SEED + ", 85f4968e88d236a3fbb54f05ba3327a1035b02b47ccf3dc5859f2f88cef8d7c1",
        "secret,   " + COUNTING_SEED + ", 746ebe205d56a0707acb3e796e834e0dd7b1d61743b26bd5202c7a623230c7c9",
        "pässwörd, " + COUNTING_SEED + ", 8526563d365f5cb2cf44b162e5251a5cc348e1a1afeec271669611d0fdac23f7",
        "a,        " + COUNTING_SEED + ", 4b35c367d25d0add742519e3573e0c83360f85bb66e6882d81d21120e6d581e4",
    })
    void fastPathScramblesLikeTheReferenceImplementation(String password, String seed, String expected) {
        assertEquals(expected, hex(CachingSha2Password.scramble(password, hex(seed))));
        assertTrue(CachingSha2Password.verifyScramble(password, hex(seed), hex(expected)));
    }

    @Test
    void emptyPasswordSendsNothing() {
        assertArrayEquals(new byte[0], CachingSha2Password.scramble("", hex(COUNTING_SEED)));
        assertTrue(CachingSha2Password.verifyScramble("", hex(COUNTING_SEED), new byte[0]));
        assertFalse(CachingSha2Password.verifyScramble("secret", hex(COUNTING_SEED), new byte[0]));
    }

    @Test
    void wrongPasswordOrSeedFailsTheFastPath() {
        byte[] right = hex("746ebe205d56a0707acb3e796e834e0dd7b1d61743b26bd5202c7a623230c7c9");
        assertFalse(CachingSha2Password.verifyScramble("secreT", hex(COUNTING_SEED), right));
        assertFalse(CachingSha2Password.verifyScramble("secret", hex(CAPTURED_SEED), right));
        assertFalse(CachingSha2Password.verifyScramble("secret", hex(COUNTING_SEED), Arrays.copyOf(right, 31)));
    }

    @Test
    void cleartextOverTlsWithOrWithoutTheNul() {
        assertTrue(CachingSha2Password.verifyCleartext("secret", "secret\0".getBytes(StandardCharsets.UTF_8)));
        assertTrue(CachingSha2Password.verifyCleartext("secret", "secret".getBytes(StandardCharsets.UTF_8)));
        assertTrue(CachingSha2Password.verifyCleartext("", new byte[] {0}));
        assertFalse(CachingSha2Password.verifyCleartext("secret", "secret\0\0".getBytes(StandardCharsets.UTF_8)));
        assertFalse(CachingSha2Password.verifyCleartext("secret", "secre\0".getBytes(StandardCharsets.UTF_8)));
        assertFalse(CachingSha2Password.verifyCleartext("secret", new byte[0]));
    }

    @Test
    void publicKeyIsPemAsClientsExpectIt() {
        String pem = new String(plugin.publicKeyPem(), StandardCharsets.US_ASCII);
        assertTrue(pem.startsWith("-----BEGIN PUBLIC KEY-----\n"), pem);
        assertTrue(pem.endsWith("\n-----END PUBLIC KEY-----\n"), pem);
        for (String line : pem.split("\n")) {
            assertTrue(line.length() <= 64, "PEM lines are at most 64 characters: " + line);
        }
        assertEquals("RSA", publicKey(plugin).getAlgorithm());
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"secret", "", "pässwörd", "a password longer than the twenty seed bytes"})
    void fullPathRsaRoundTrip(String password) throws GeneralSecurityException {
        byte[] seed = hex(COUNTING_SEED);
        byte[] encrypted = clientEncrypt(publicKey(plugin), password, seed);
        assertTrue(plugin.verifyEncrypted(password, seed, encrypted));
        assertFalse(plugin.verifyEncrypted(password + "x", seed, encrypted), "wrong password");
        assertFalse(plugin.verifyEncrypted(password, hex(CAPTURED_SEED), encrypted), "wrong seed");
    }

    /** MySQL Connector/J pads with PKCS#1 v1.5 for a server it takes to be older than 8.0.5 ("5.5.5-10.11..."). */
    @Test
    void fullPathAcceptsPkcs1PaddingAsClientsUseWithOlderServers() throws GeneralSecurityException {
        byte[] seed = hex(COUNTING_SEED);
        byte[] encrypted = clientEncrypt(publicKey(plugin), "secret", seed, "RSA/ECB/PKCS1Padding");
        assertTrue(plugin.verifyEncrypted("secret", seed, encrypted));
        assertFalse(plugin.verifyEncrypted("wrong", seed, encrypted));
    }

    @Test
    void fullPathRejectsAnotherServersKey() throws GeneralSecurityException {
        byte[] seed = hex(COUNTING_SEED);
        byte[] encrypted = clientEncrypt(publicKey(CachingSha2Password.withNewRsaKey()), "secret", seed);
        assertFalse(plugin.verifyEncrypted("secret", seed, encrypted));
    }

    @ParameterizedTest(name = "{0} random bytes")
    @ValueSource(ints = {0, 1, 255, 256, 257, 1024})
    void garbageCiphertextIsFalseNotAnException(int length) {
        byte[] garbage = new byte[length];
        new Random(length).nextBytes(garbage);
        assertFalse(plugin.verifyEncrypted("secret", hex(COUNTING_SEED), garbage));
    }

    // ---- what a client does -------------------------------------------------------------------------

    private static PublicKey publicKey(CachingSha2Password server) {
        String pem = new String(server.publicKeyPem(), StandardCharsets.US_ASCII);
        String base64 = pem.replace("-----BEGIN PUBLIC KEY-----", "").replace("-----END PUBLIC KEY-----", "")
                .replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException e) {
            throw new AssertionError("the PEM does not hold an RSA public key", e);
        }
    }

    /** libmysqlclient's way: (password + NUL) XOR the seed, repeated, then RSA with OAEP padding. */
    private static byte[] clientEncrypt(PublicKey key, String password, byte[] seed) throws GeneralSecurityException {
        return clientEncrypt(key, password, seed, "RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
    }

    private static byte[] clientEncrypt(PublicKey key, String password, byte[] seed, String transformation)
            throws GeneralSecurityException {
        byte[] pw = password.getBytes(StandardCharsets.UTF_8);
        byte[] plain = Arrays.copyOf(pw, pw.length + 1);
        for (int i = 0; i < plain.length; i++) {
            plain[i] ^= seed[i % seed.length];
        }
        Cipher cipher = Cipher.getInstance(transformation);
        cipher.init(Cipher.ENCRYPT_MODE, key);
        return cipher.doFinal(plain);
    }
}
