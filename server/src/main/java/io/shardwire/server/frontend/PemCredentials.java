package io.shardwire.server.frontend;

import io.shardwire.shardmap.ConfigException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The proxy's certificate chain and private key from the PEM files of {@code server.tls} (RFC 7468 text
 * encoding). The key may be PKCS#8 ({@code BEGIN PRIVATE KEY}, what {@code openssl genpkey} writes) or the
 * older PKCS#1 RSA ({@code BEGIN RSA PRIVATE KEY}) and SEC1 EC ({@code BEGIN EC PRIVATE KEY}) forms that
 * {@code openssl genrsa -traditional} / {@code openssl ecparam -genkey} and many CAs' tools still write: the JDK
 * reads only PKCS#8, so those two are wrapped into it here. Every problem is a {@link ConfigException} that names
 * the file and says how to fix it.
 *
 * @param chain the server's certificate first, then the intermediate CA certificates, as in the file
 */
record PemCredentials(List<X509Certificate> chain, PrivateKey key) {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\R(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final String TO_PKCS8 = "openssl pkcs8 -topk8 -nocrypt -in %s -out key-pkcs8.pem";

    PemCredentials {
        chain = List.copyOf(chain);
    }

    static PemCredentials read(Path certFile, Path keyFile) {
        List<X509Certificate> chain = certificates(certFile);
        PrivateKey key = privateKey(keyFile);
        if (!belongTogether(chain.get(0), key)) {
            throw new ConfigException("server.tls: the first certificate in " + certFile + " ("
                    + chain.get(0).getSubjectX500Principal().getName() + ") is not the one for the private key in "
                    + keyFile + "; the cert file must start with the server's own certificate, followed by the"
                    + " intermediate CA certificates");
        }
        return new PemCredentials(chain, key);
    }

    private static List<X509Certificate> certificates(Path file) {
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Block block : blocks(file, "server.tls.cert")) {
                if (block.label().equals("CERTIFICATE")) {
                    chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
                }
            }
        } catch (CertificateException e) {
            throw new ConfigException("server.tls.cert: " + file + " holds a certificate that cannot be read ("
                    + e.getMessage() + "); give PEM certificates (-----BEGIN CERTIFICATE-----)", e);
        }
        if (chain.isEmpty()) {
            throw new ConfigException("server.tls.cert: " + file + " holds no PEM certificate (-----BEGIN CERTIFICATE-----);"
                    + " give the server's certificate, then the intermediate CA certificates, in one PEM file");
        }
        return chain;
    }

    private static PrivateKey privateKey(Path file) {
        for (Block block : blocks(file, "server.tls.key")) {
            switch (block.label()) {
                case "PRIVATE KEY" -> {
                    return pkcs8(file, block.der());
                }
                case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> {
                    if (block.headers().contains("ENCRYPTED")) {
                        throw encrypted(file);
                    }
                    return pkcs8(file, block.label().startsWith("RSA") ? Pkcs8.fromPkcs1(block.der())
                            : Pkcs8.fromSec1(block.der(), file));
                }
                case "ENCRYPTED PRIVATE KEY" -> throw encrypted(file);
                default -> {
                    // EC PARAMETERS before an EC key, certificates in a combined file: not the key
                }
            }
        }
        throw new ConfigException("server.tls.key: " + file + " holds no PEM private key (-----BEGIN PRIVATE KEY-----,"
                + " RSA PRIVATE KEY or EC PRIVATE KEY)");
    }

    private static PrivateKey pkcs8(Path file, byte[] der) {
        List<String> failures = new ArrayList<>();
        for (String algorithm : List.of("RSA", "EC", "EdDSA", "RSASSA-PSS")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                failures.add(algorithm + ": " + e.getMessage());
            }
        }
        throw new ConfigException("server.tls.key: the private key in " + file + " cannot be read as an RSA, EC or"
                + " EdDSA key (" + String.join("; ", failures) + "); convert it to PKCS#8 with '"
                + TO_PKCS8.formatted(file) + "'");
    }

    private static ConfigException encrypted(Path file) {
        return new ConfigException("server.tls.key: the private key in " + file + " is encrypted and the proxy has no"
                + " passphrase for it; write an unencrypted copy that only the proxy's user can read with '"
                + TO_PKCS8.formatted(file) + "' (it asks for the passphrase)");
    }

    /** Signs with the key and verifies with the certificate: a file pair that does not match fails here. */
    private static boolean belongTogether(X509Certificate certificate, PrivateKey key) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519", "Ed448" -> "EdDSA";
            default -> null;
        };
        if (algorithm == null) {
            return true; // another kind of key: the TLS handshake is the check
        }
        if (!certificate.getPublicKey().getAlgorithm().equals(key.getAlgorithm())) {
            return false;
        }
        try {
            byte[] probe = new byte[32];
            new SecureRandom().nextBytes(probe);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** One PEM block: its label, the RFC 1421 headers some tools put before the data, and the decoded bytes. */
    private record Block(String label, String headers, byte[] der) {
    }

    private static List<Block> blocks(Path file, String key) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new ConfigException(key + ": cannot read " + file + " (" + e + ")", e);
        }
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            // RFC 1421 headers (Proc-Type: 4,ENCRYPTED) end at the first blank line; base64 has no ':'
            String[] parts = m.group(2).split("\\R\\R", 2);
            String headers = parts.length == 2 && parts[0].contains(":") ? parts[0] : "";
            String data = (headers.isEmpty() ? m.group(2) : parts[1]).replaceAll("\\s", "");
            try {
                blocks.add(new Block(m.group(1), headers, Base64.getDecoder().decode(data)));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key + ": " + file + ": the PEM block " + m.group(1) + " is not valid base64 ("
                        + e.getMessage() + ")", e);
            }
        }
        return blocks;
    }
}
