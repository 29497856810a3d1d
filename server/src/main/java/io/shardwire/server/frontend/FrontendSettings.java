package io.shardwire.server.frontend;

import io.netty.handler.ssl.SslContext;
import io.shardwire.protocol.Capability;
import io.shardwire.protocol.PacketBudget;
import io.shardwire.protocol.PacketDecoder;
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
                               long maxAllowedPacket, int maxConnections, PacketBudget packetBudget,
                               long netReadTimeoutMillis) {
    /**
     * The largest packet a client may send before it has logged in: a handshake response with connect attributes,
     * or an RSA-encrypted password, is a few KiB; MySQL clients cap connect attributes at 64 KiB.
     */
    public static final long LOGIN_PACKET_LIMIT = 64 * 1024;

    public FrontendSettings {
        // the live account table: RELOAD CONFIG updates it in place, so it is not copied
        accounts = java.util.Objects.requireNonNull(accounts, "accounts");
    }

    /** A frame decoder for a new connection (or its TLS layer): login-sized packets only, until the login completes. */
    public PacketDecoder loginDecoder() {
        return new PacketDecoder(LOGIN_PACKET_LIMIT, packetBudget, netReadTimeoutMillis);
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
