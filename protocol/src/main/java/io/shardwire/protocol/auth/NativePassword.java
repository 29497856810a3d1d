package io.shardwire.protocol.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * mysql_native_password (MySQL "Native Authentication"): the client sends
 * {@code SHA1(password) XOR SHA1(seed + SHA1(SHA1(password)))}; an empty password sends nothing.
 *
 * <p>The server needs only {@code SHA1(SHA1(password))} to check that: XOR-ing the response with
 * {@code SHA1(seed + stage2)} gives back {@code SHA1(password)}, whose SHA1 must be stage2. That is why MySQL stores
 * just {@code "*" + hex(stage2)} (what {@code PASSWORD()} returns), and why the proxy can check a login against
 * such a hash without knowing the password. Every comparison is {@link MessageDigest#isEqual}, which takes the
 * same time wherever the bytes differ.
 */
public final class NativePassword {
    public static final String PLUGIN = "mysql_native_password";

    private NativePassword() {
    }

    public static byte[] scramble(String password, byte[] seed) {
        if (password.isEmpty()) {
            return new byte[0];
        }
        MessageDigest sha1 = sha1();
        byte[] stage1 = sha1.digest(password.getBytes(StandardCharsets.UTF_8));
        byte[] stage2 = sha1.digest(stage1);
        sha1.update(seed, 0, 20);
        byte[] mask = sha1.digest(stage2);
        for (int i = 0; i < stage1.length; i++) {
            stage1[i] ^= mask[i];
        }
        return stage1;
    }

    /** Checks a client's response against the password in clear. */
    public static boolean verify(String password, byte[] seed, byte[] response) {
        if (password.isEmpty()) {
            return MessageDigest.isEqual(new byte[0], response);
        }
        return verifyStage2(stage2(password), seed, response);
    }

    /** {@code SHA1(SHA1(password))}, of the password's UTF-8 bytes. */
    public static byte[] stage2(String password) {
        MessageDigest sha1 = sha1();
        return sha1.digest(sha1.digest(password.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The stage2 bytes of MySQL's stored form, {@code "*"} followed by 40 hex digits (either case).
     *
     * @throws IllegalArgumentException when the text has another form
     */
    public static byte[] stage2OfHash(String hash) {
        if (hash.length() != 41 || hash.charAt(0) != '*') {
            throw new IllegalArgumentException("a mysql_native_password hash is '*' and 40 hex digits, found "
                    + hash.length() + " characters");
        }
        return HexFormat.of().parseHex(hash, 1, 41);
    }

    /**
     * Checks a client's response against {@code SHA1(SHA1(password))}. A response that is not 20 bytes long is
     * still run through the same steps (padded), so a failure takes the same time whatever was sent.
     */
    public static boolean verifyStage2(byte[] stage2, byte[] seed, byte[] response) {
        MessageDigest sha1 = sha1();
        sha1.update(seed, 0, 20);
        byte[] mask = sha1.digest(stage2);
        byte[] stage1 = Arrays.copyOf(response, 20);
        for (int i = 0; i < stage1.length; i++) {
            stage1[i] ^= mask[i];
        }
        boolean matches = MessageDigest.isEqual(sha1.digest(stage1), stage2);
        return matches & response.length == 20;
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }
}
