package io.shardwire.shardmap;

import java.nio.file.Path;
import java.util.Objects;

/**
 * TLS for client connections ({@code server.tls}). Absent or {@code {}}: {@link SelfSigned};
 * {@code { enabled: false }}: {@link Disabled}; {@code { cert: FILE, key: FILE }}: {@link CertificateFiles}.
 */
public sealed interface TlsConfig {

    /** Clients are not offered TLS. */
    record Disabled() implements TlsConfig {
    }

    /** A throw-away self-signed certificate is generated at start. */
    record SelfSigned() implements TlsConfig {
    }

    /**
     * PEM certificate chain and PEM private key, resolved against the configuration file's
     * directory when relative. Their existence is checked when the server starts, not here.
     */
    record CertificateFiles(Path cert, Path key) implements TlsConfig {
        public CertificateFiles {
            Objects.requireNonNull(cert, "cert");
            Objects.requireNonNull(key, "key");
        }
    }
}
