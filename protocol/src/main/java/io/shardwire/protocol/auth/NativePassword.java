package io.shardwire.protocol.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * mysql_native_password (MySQL "Native Authentication"): the client sends
 * {@code SHA1(password) XOR SHA1(seed + SHA1(SHA1(password)))}; an empty password sends nothing.
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

    public static boolean verify(String password, byte[] seed, byte[] response) {
        return MessageDigest.isEqual(scramble(password, seed), response);
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-1", e);
        }
    }
}
