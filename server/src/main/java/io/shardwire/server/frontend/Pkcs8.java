package io.shardwire.server.frontend;

import io.shardwire.shardmap.ConfigException;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Wraps the two older private-key encodings into a PKCS#8 PrivateKeyInfo (RFC 5208 section 5), the only one the
 * JDK's KeyFactory reads: {@code SEQUENCE { INTEGER 0, AlgorithmIdentifier, OCTET STRING key }}. The old key
 * bytes go into the OCTET STRING unchanged; only the AlgorithmIdentifier is new. Stateless.
 */
final class Pkcs8 {
    private static final int SEQUENCE = 0x30;
    private static final int OCTET_STRING = 0x04;
    private static final int CONTEXT_0 = 0xA0;
    private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};
    /** rsaEncryption (1.2.840.113549.1.1.1) with its NULL parameters. */
    private static final byte[] RSA_ALGORITHM = tlv(SEQUENCE, concat(
            new byte[] {0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x01, 0x01},
            new byte[] {0x05, 0x00}));
    /** id-ecPublicKey (1.2.840.10045.2.1); the curve's OID follows it. */
    private static final byte[] EC_PUBLIC_KEY = {0x06, 0x07, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x02, 0x01};

    private Pkcs8() {
    }

    /** A PKCS#1 RSAPrivateKey (RFC 8017 appendix A.1.2, PEM label {@code RSA PRIVATE KEY}). */
    static byte[] fromPkcs1(byte[] rsaPrivateKey) {
        return tlv(SEQUENCE, concat(VERSION_0, RSA_ALGORITHM, tlv(OCTET_STRING, rsaPrivateKey)));
    }

    /**
     * A SEC1 ECPrivateKey (RFC 5915 section 3, PEM label {@code EC PRIVATE KEY}):
     * {@code SEQUENCE { version, privateKey OCTET STRING, [0] parameters, [1] publicKey }}. PKCS#8 wants the curve
     * in the AlgorithmIdentifier, so it is copied from {@code [0]}; OpenSSL always writes it there.
     */
    static byte[] fromSec1(byte[] ecPrivateKey, Path file) {
        Der outer = Der.at(ecPrivateKey, 0);
        if (outer == null || outer.tag() != SEQUENCE) {
            throw new ConfigException("server.tls.key: the EC PRIVATE KEY in " + file + " is not DER SEQUENCE");
        }
        for (Der field = Der.at(ecPrivateKey, outer.contentStart()); field != null && field.end() <= outer.end();
                field = Der.at(ecPrivateKey, field.end())) {
            if (field.tag() == CONTEXT_0) {
                byte[] curve = Arrays.copyOfRange(ecPrivateKey, field.contentStart(), field.end());
                return tlv(SEQUENCE, concat(VERSION_0, tlv(SEQUENCE, concat(EC_PUBLIC_KEY, curve)),
                        tlv(OCTET_STRING, ecPrivateKey)));
            }
        }
        throw new ConfigException("server.tls.key: the EC PRIVATE KEY in " + file + " does not name its curve; convert"
                + " it with 'openssl pkcs8 -topk8 -nocrypt -in " + file + " -out key-pkcs8.pem'");
    }

    /** One DER tag-length-value header (X.690 section 8.1): where its content starts and where it ends. */
    private record Der(int tag, int contentStart, int end) {
        static Der at(byte[] der, int at) {
            if (at + 2 > der.length) {
                return null;
            }
            int tag = der[at] & 0xFF;
            int first = der[at + 1] & 0xFF;
            int start = at + 2;
            int length = first;
            if (first >= 0x80) {
                int bytes = first & 0x7F;
                if (bytes == 0 || bytes > 3 || start + bytes > der.length) {
                    return null;
                }
                length = 0;
                for (int i = 0; i < bytes; i++) {
                    length = length << 8 | der[start++] & 0xFF;
                }
            }
            return start + length <= der.length ? new Der(tag, start, start + length) : null;
        }
    }

    private static byte[] tlv(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = length > 0xFFFF ? 3 : length > 0xFF ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >>> (8 * i) & 0xFF);
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
