package io.shardwire.server.frontend;

import io.netty.handler.ssl.SslContext;
import io.shardwire.protocol.Capability;
import io.shardwire.protocol.auth.CachingSha2Password;
import java.util.Map;
import java.util.Set;

/**
 * What the front end needs to greet and authenticate clients: accounts (a thread-safe map that configuration
 * reloads update in place), the announced version, the auth
 * plugin named in the greeting, TLS (null when off), and limits.
 */
public record FrontendSettings(Map<String, Account> accounts, String serverVersion, String defaultAuthPlugin,
                               int collationId, SslContext tls, CachingSha2Password sha2, Set<String> sha2Cache,
                               long maxAllowedPacket, int maxConnections) {

    public FrontendSettings {
        // the live account table: RELOAD CONFIG updates it in place, so it is not copied
        accounts = java.util.Objects.requireNonNull(accounts, "accounts");
    }

    /** Capabilities the proxy offers; the session uses their intersection with the client's. */
    public int serverCapabilities() {
        int caps = Capability.LONG_PASSWORD | Capability.FOUND_ROWS | Capability.LONG_FLAG | Capability.CONNECT_WITH_DB
                | Capability.PROTOCOL_41 | Capability.INTERACTIVE | Capability.TRANSACTIONS | Capability.SECURE_CONNECTION
                | Capability.MULTI_STATEMENTS | Capability.MULTI_RESULTS | Capability.PS_MULTI_RESULTS
                | Capability.PLUGIN_AUTH | Capability.CONNECT_ATTRS | Capability.PLUGIN_AUTH_LENENC_CLIENT_DATA
                | Capability.DEPRECATE_EOF;
        return tls == null ? caps : caps | Capability.SSL;
    }
}
