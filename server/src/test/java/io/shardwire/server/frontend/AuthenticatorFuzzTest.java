package io.shardwire.server.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.shardwire.protocol.Capability;
import io.shardwire.protocol.MalformedPacketException;
import io.shardwire.protocol.auth.CachingSha2Password;
import io.shardwire.protocol.auth.NativePassword;
import io.shardwire.server.error.ProxyError;
import io.shardwire.server.error.ProxyException;
import io.shardwire.server.session.MysqlCharsets;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Coverage-guided fuzzing of the connection phase as {@link FrontendSession} drives it, without a network: any
 * conversation a client may hold before it has logged in ends in a login, a request for more, ACCESS_DENIED or
 * {@link MalformedPacketException}, nothing else, and every buffer written to the client is released.
 *
 * <p>Input: one byte of flags (bit 0: TLS, bit 1: caching_sha2's cache already knows the accounts, bit 2: the
 * greeting announced MariaDB's "5.5.5-" version), then client packets, each behind a 2-byte little-endian
 * length. The seeds in {@code AuthenticatorFuzzTestInputs} are the responses captured in protocol's
 * {@code fixtures/clients}, which answered the seed below for users app and root with password "secret": the
 * native ones log in, so the fuzzer starts from both sides of the password check.
 */
class AuthenticatorFuzzTest {
    private static final byte[] SEED = HexFormat.of().parseHex("5431365941795e4b3c2b5f7c765b437b635f3175");
    private static final Map<String, Account> ACCOUNTS = Map.of(
            "app", new Account("app", "secret", NativePassword.PLUGIN, false, false, false, List.of(), false),
            "hashed", new Account("hashed", "*14E65567ABDB5135D0CFD9A70B3032C179A49EE7", NativePassword.PLUGIN, false,
                    true, false, List.of(), false),
            "root", new Account("root", "secret", CachingSha2Password.PLUGIN, true, false, true, List.of(), false),
            "nopass", new Account("nopass", "", CachingSha2Password.PLUGIN, false, false, false, List.of(), false));
    /** RSA key generation takes long: one key for the whole run, as the server has one per process. */
    private static final CachingSha2Password SHA2 = CachingSha2Password.withNewRsaKey();
    private static final int SERVER_CAPABILITIES = Capability.PROTOCOL_41 | Capability.SECURE_CONNECTION
            | Capability.PLUGIN_AUTH | Capability.PLUGIN_AUTH_LENENC_CLIENT_DATA | Capability.CONNECT_WITH_DB
            | Capability.CONNECT_ATTRS;

    @FuzzTest(maxDuration = "12s")
    void authenticatesAnyConversation(byte[] input) {
        if (input.length < 1) {
            return;
        }
        boolean tls = (input[0] & 1) != 0;
        Set<String> sha2Cache = (input[0] & 2) != 0 ? new HashSet<>(ACCOUNTS.keySet()) : new HashSet<>();
        String version = (input[0] & 4) != 0 ? "5.5.5-10.11.18-MariaDB" : "8.0.40";
        UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(false);
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.config().setAllocator(alloc);
        ClientChannel out = new ClientChannel(channel);
        Authenticator authenticator = new Authenticator(ACCOUNTS, sha2Cache, SHA2, SEED, SERVER_CAPABILITIES,
                "127.0.0.1", version, NativePassword.PLUGIN);
        try {
            int pos = 1;
            while (input.length - pos >= 2) {
                int length = Math.min((input[pos] & 0xFF) | (input[pos + 1] & 0xFF) << 8, input.length - pos - 2);
                ByteBuf payload = alloc.heapBuffer(length).writeBytes(input, pos + 2, length);
                pos += 2 + length;
                Login login;
                try {
                    login = authenticator.onPacket(payload, out, tls);
                } finally {
                    payload.release();
                    out.flush(); // FrontendSession flushes after every packet, whatever happened
                }
                if (login != null) {
                    // what FrontendSession does first with a login: the client chose the collation id
                    MysqlCharsets.nameOfCollation(login.collationId());
                    break;
                }
            }
        } catch (ProxyException e) {
            assertEquals(ProxyError.ACCESS_DENIED, e.error());
        } catch (MalformedPacketException expected) {
            // answered with an ERR packet, and the connection is closed
        } finally {
            channel.finishAndReleaseAll();
        }
        assertEquals(0, alloc.metric().usedHeapMemory() + alloc.metric().usedDirectMemory(), "bytes not released");
    }
}
