package io.shardwire.protocol.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;

/**
 * caching_sha2_password (MySQL "Caching SHA-2 Pluggable Authentication").
 *
 * <p>Fast path: the client sends {@code SHA256(pw) XOR SHA256(SHA256(SHA256(pw)) + seed)}. Full path, when the
 * server has no cached entry: the client sends the password in clear over TLS, or, without TLS, asks for the
 * server's RSA public key (a single byte 0x02) and sends {@code RSA-OAEP(password + NUL XOR seed)}.
 */
public final class CachingSha2Password {
    public static final String PLUGIN = "caching_sha2_password";
    /** The client's request for the public key during the full path. */
    public static final byte REQUEST_PUBLIC_KEY = 0x02;

    /**
     * OAEP, what clients use with MySQL 8.0.5 and later; PKCS#1 v1.5, what they use with older servers, which is
     * what MySQL Connector/J takes a MariaDB-style "5.5.5-10.11..." version for. Either way a failure is the same
     * "access denied", so the second attempt tells a client nothing the first did not.
     */
    private static final List<String> RSA_PADDINGS = List.of("RSA/ECB/OAEPWithSHA-1AndMGF1Padding",
            "RSA/ECB/PKCS1Padding");

    private final KeyPair rsaKeys;

    private CachingSha2Password(KeyPair rsaKeys) {
        this.rsaKeys = rsaKeys;
    }

    /** Generates the RSA key pair used for the full path without TLS. */
    public static CachingSha2Password withNewRsaKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return new CachingSha2Password(generator.generateKeyPair());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no RSA", e);
        }
    }

    public static byte[] scramble(String password, byte[] seed) {
        if (password.isEmpty()) {
            return new byte[0];
        }
        MessageDigest sha256 = sha256();
        byte[] stage1 = sha256.digest(password.getBytes(StandardCharsets.UTF_8));
        byte[] stage2 = sha256.digest(stage1);
        sha256.update(stage2);
        sha256.update(seed, 0, 20);
        byte[] mask = sha256.digest();
        for (int i = 0; i < stage1.length; i++) {
            stage1[i] ^= mask[i];
        }
        return stage1;
    }

    public static boolean verifyScramble(String password, byte[] seed, byte[] response) {
        return MessageDigest.isEqual(scramble(password, seed), response);
    }

    /**
     * The full path over TLS: the password itself, NUL-terminated. Both sides are hashed before the comparison, so
     * its time depends neither on where they differ nor on their lengths.
     */
    public static boolean verifyCleartext(String password, byte[] response) {
        int length = response.length > 0 && response[response.length - 1] == 0 ? response.length - 1 : response.length;
        MessageDigest sha256 = sha256();
        byte[] expected = sha256.digest(password.getBytes(StandardCharsets.UTF_8));
        return MessageDigest.isEqual(expected, sha256.digest(Arrays.copyOf(response, length)));
    }

    /** The full path without TLS: decrypt with our private key, undo the XOR with the seed, compare. */
    public boolean verifyEncrypted(String password, byte[] seed, byte[] encrypted) {
        for (String transformation : RSA_PADDINGS) {
            byte[] plain;
            try {
                Cipher cipher = Cipher.getInstance(transformation);
                cipher.init(Cipher.DECRYPT_MODE, rsaKeys.getPrivate());
                plain = cipher.doFinal(encrypted);
            } catch (GeneralSecurityException e) {
                continue;
            }
            for (int i = 0; i < plain.length; i++) {
                plain[i] ^= seed[i % 20];
            }
            if (verifyCleartext(password, plain)) {
                return true;
            }
        }
        return false;
    }

    /** The public key as the PEM text the client expects in AuthMoreData. */
    public byte[] publicKeyPem() {
        String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(rsaKeys.getPublic().getEncoded());
        return ("-----BEGIN PUBLIC KEY-----\n" + base64 + "\n-----END PUBLIC KEY-----\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
