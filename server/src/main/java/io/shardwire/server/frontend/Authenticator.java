package io.shardwire.server.frontend;

import io.netty.buffer.ByteBuf;
import io.shardwire.protocol.Wire;
import io.shardwire.protocol.auth.CachingSha2Password;
import io.shardwire.protocol.auth.NativePassword;
import io.shardwire.protocol.packet.AuthMoreData;
import io.shardwire.protocol.packet.AuthSwitchRequest;
import io.shardwire.protocol.packet.HandshakeResponse41;
import io.shardwire.server.error.ProxyError;
import io.shardwire.server.error.ProxyException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

/**
 * The connection phase after the greeting (MySQL "Connection Phase"): parses the handshake response, switches
 * the client to the account's auth plugin when they disagree, and runs mysql_native_password or
 * caching_sha2_password, including caching_sha2's full path (clear text over TLS, RSA without TLS) the first
 * time an account logs in after start, as MySQL does when its cache is empty.
 *
 * <p>Nothing tells an unknown user from a known one with a wrong password: an unknown user is checked against a
 * decoy account with the greeting's plugin and a random password, through the same steps and comparisons, and is
 * refused with the same 1045. User names in messages are cut to {@value #NAME_SHOWN} characters, as clients may send
 * any length. An account with {@code require_tls} is refused over a plain connection after its password check,
 * with the same 1045 (as MySQL does for REQUIRE SSL accounts).
 *
 * <p>Owned by the session's worker thread.
 */
final class Authenticator {
    private enum Step { RESPONSE, SWITCH_RESPONSE, FULL_AUTH, ENCRYPTED_PASSWORD }

    /** Longest user name echoed in a message or a log line; MySQL's own limit is 80 (MariaDB 10.11). */
    static final int NAME_SHOWN = 80;
    /** The decoy account's password: random per process, and a decoy never logs in even if it matched. */
    private static final String DECOY_PASSWORD = decoyPassword();

    private final Map<String, Account> accounts;
    private final Set<String> sha2Cache;
    private final CachingSha2Password sha2;
    private final byte[] seed;
    private final int serverCapabilities;
    private final String remoteHost;
    private final boolean versionBefore5516;
    private final String defaultAuthPlugin;
    private boolean unknownUser;
    private boolean tls;
    private Step step = Step.RESPONSE;
    /** See {@link #writeMoreData}. */
    private boolean moreDataWithoutStatusByte;
    private HandshakeResponse41 response;
    private Account account;

    /**
     * @param serverVersion the version announced in the greeting; MariaDB's "5.5.5-10.11..." reads as 5.5.5 to a
     *     client that does not know MariaDB's convention
     */
    Authenticator(Map<String, Account> accounts, Set<String> sha2Cache, CachingSha2Password sha2, byte[] seed,
                  int serverCapabilities, String remoteHost, String serverVersion, String defaultAuthPlugin) {
        this.accounts = accounts;
        this.sha2Cache = sha2Cache;
        this.sha2 = sha2;
        this.seed = seed;
        this.serverCapabilities = serverCapabilities;
        this.remoteHost = remoteHost;
        this.versionBefore5516 = serverVersion.startsWith("5.5.5-");
        this.defaultAuthPlugin = defaultAuthPlugin;
    }

    /**
     * Consumes one client packet of the connection phase; writes any AuthSwitch/AuthMoreData itself.
     *
     * @return the login when authentication succeeded, null when more packets are needed
     * @throws ProxyException ACCESS_DENIED when the client failed to prove its password
     */
    Login onPacket(ByteBuf payload, ClientChannel out, boolean tls) {
        this.tls = tls;
        return switch (step) {
            case RESPONSE -> {
                response = HandshakeResponse41.parse(payload);
                moreDataWithoutStatusByte = versionBefore5516
                        && "MySQL Connector/J".equals(response.connectAttributes().get("_client_name"));
                account = accounts.get(response.username());
                if (account == null) {
                    unknownUser = true;
                    account = new Account(response.username(), DECOY_PASSWORD, defaultAuthPlugin, false, false, false,
                            java.util.List.of(), true);
                }
                String clientPlugin = response.authPluginName() == null ? NativePassword.PLUGIN : response.authPluginName();
                if (!clientPlugin.equals(account.authPlugin())) {
                    step = Step.SWITCH_RESPONSE;
                    out.write(new AuthSwitchRequest(account.authPlugin(), seed)::writeTo);
                    out.flush();
                    yield null;
                }
                yield verify(response.authResponse(), out);
            }
            case SWITCH_RESPONSE -> verify(Wire.readRestBytes(payload), out);
            case FULL_AUTH -> fullAuth(Wire.readRestBytes(payload), out, tls);
            case ENCRYPTED_PASSWORD -> {
                byte[] encrypted = Wire.readRestBytes(payload);
                if (!sha2.verifyEncrypted(account.password(), seed, encrypted)) {
                    throw denied(true);
                }
                yield success();
            }
        };
    }

    private Login verify(byte[] data, ClientChannel out) {
        String password = account.password();
        if (account.authPlugin().equals(CachingSha2Password.PLUGIN)) {
            if (password.isEmpty()) {
                if (data.length > 1 || (data.length == 1 && data[0] != 0)) {
                    throw denied(true);
                }
                fastAuthSuccess(out);
                return success();
            }
            if (!CachingSha2Password.verifyScramble(password, seed, data)) {
                throw denied(data.length > 0);
            }
            if (sha2Cache.contains(account.name())) {
                fastAuthSuccess(out);
                return success();
            }
            step = Step.FULL_AUTH;
            writeMoreData(out, new byte[] {AuthMoreData.PERFORM_FULL_AUTHENTICATION});
            out.flush();
            return null;
        }
        if (!nativeMatches(data)) {
            throw denied(data.length > 0);
        }
        return success();
    }

    private boolean nativeMatches(byte[] data) {
        if (account.passwordIsHash()) {
            return NativePassword.verifyStage2(NativePassword.stage2OfHash(account.password()), seed, data);
        }
        return NativePassword.verify(account.password(), seed, data);
    }

    private void fastAuthSuccess(ClientChannel out) {
        writeMoreData(out, new byte[] {AuthMoreData.FAST_AUTH_SUCCESS});
    }

    /**
     * AuthMoreData, normally with its 0x01 status byte. MySQL Connector/J takes a server older than 5.5.16 to send
     * plugin data bare (NativeAuthenticationProvider) and reads "5.5.5-10.11..." as 5.5.5: it would read the 0x01
     * as caching_sha2_password's answer and give up ("Unknown server response after fast auth"). So it gets the
     * data bare, as such a server would send it: 0x03, 0x04 and a PEM key start with none of 0x00, 0xFE, 0xFF.
     */
    private void writeMoreData(ClientChannel out, byte[] data) {
        if (moreDataWithoutStatusByte) {
            out.write(buf -> buf.writeBytes(data));
        } else {
            out.write(new AuthMoreData(data)::writeTo);
        }
    }

    private Login fullAuth(byte[] data, ClientChannel out, boolean tls) {
        if (tls) {
            if (!CachingSha2Password.verifyCleartext(account.password(), data)) {
                throw denied(true);
            }
            return success();
        }
        if (data.length == 1 && data[0] == CachingSha2Password.REQUEST_PUBLIC_KEY) {
            step = Step.ENCRYPTED_PASSWORD;
            writeMoreData(out, sha2.publicKeyPem());
            out.flush();
            return null;
        }
        if (sha2.verifyEncrypted(account.password(), seed, data)) {
            return success();
        }
        throw denied(true);
    }

    /** The password was proven; the account may still not log in. */
    private Login success() {
        if (unknownUser || (account.requireTls() && !tls)) {
            throw denied(true);
        }
        if (account.authPlugin().equals(CachingSha2Password.PLUGIN)) {
            sha2Cache.add(account.name());
        }
        int capabilities = response.capabilities() & serverCapabilities;
        return new Login(account, capabilities, response.collationId(), response.database());
    }

    private ProxyException denied(boolean usingPassword) {
        return ProxyError.ACCESS_DENIED.exception(userShown(), remoteHost, usingPassword ? "YES" : "NO");
    }

    private static String decoyPassword() {
        byte[] random = new byte[20];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    /** The user name the client sent, cut for messages and logs; empty before the handshake response. */
    String userShown() {
        return shown(response == null ? "" : response.username());
    }

    /** At most {@value #NAME_SHOWN} characters of a client-sent name, then "..." when it was longer. */
    static String shown(String name) {
        return name.length() <= NAME_SHOWN ? name : name.substring(0, NAME_SHOWN) + "...";
    }
}
