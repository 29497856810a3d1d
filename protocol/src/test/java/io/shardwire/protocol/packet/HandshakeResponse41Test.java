package io.shardwire.protocol.packet;

import static io.shardwire.protocol.Capability.CONNECT_ATTRS;
import static io.shardwire.protocol.Capability.CONNECT_WITH_DB;
import static io.shardwire.protocol.Capability.PLUGIN_AUTH;
import static io.shardwire.protocol.Capability.PLUGIN_AUTH_LENENC_CLIENT_DATA;
import static io.shardwire.protocol.Capability.PROTOCOL_41;
import static io.shardwire.protocol.Capability.SECURE_CONNECTION;
import static io.shardwire.protocol.Capability.SSL;
import static io.shardwire.protocol.testkit.Fixture.hex;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shardwire.protocol.MalformedPacketException;
import io.shardwire.protocol.testkit.Bufs;
import io.shardwire.protocol.testkit.Fixture;
import io.shardwire.protocol.testkit.LeakCheck;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The client's answer to the greeting (MySQL "Protocol::HandshakeResponse41"), from real clients and built by hand. */
@ExtendWith(LeakCheck.class)
class HandshakeResponse41Test {
    private static final String NATIVE = "mysql_native_password";
    /** NativePassword scramble of "secret" with the seed of mariadb-10.11/handshake-v10.hex (see auth tests). */
    private static final String SECRET_NATIVE = "38127d9cbfd1f28f8095cf557e58395917cabfdc";

    /** What each captured client sent; values read off the capture with a separate Python decoder. */
    static Stream<Arguments> realClients() {
        Map<String, String> libmariadb = new LinkedHashMap<>();
        libmariadb.put("_os", "Linux");
        libmariadb.put("_client_name", "libmariadb");
        libmariadb.put("_client_version", "3.3.19");
        libmariadb.put("_platform", "x86_64");
        libmariadb.put("program_name", "mysql");
        libmariadb.put("_server_host", "127.0.0.1");
        return Stream.of(
                Arguments.of("clients/mariadb-cli-native-password.hex", 0x00bfa28c, 16777216L, 33, "root",
                        SECRET_NATIVE, "fx", NATIVE, with(libmariadb, "_pid", "8123")),
                Arguments.of("clients/mariadb-cli-caching-sha2-password.hex", 0x00bfa28c, 16777216L, 33, "root",
                        "85f4968e88d236a3fbb54f05ba3327a1035b02b47ccf3dc5859f2f88cef8d7c1", "fx",
                        "caching_sha2_password", with(libmariadb, "_pid", "8078")),
                Arguments.of("mariadb-10.11/cli-session.hex", 0x20ffa68c, 16777216L, 33, "root",
                        "fe222445c11638812f1c7804bf358897e8df9bba", "fx", NATIVE, with(libmariadb, "_pid", "7347")),
                // mariadb-admin: no password (empty auth response) and no database.
                Arguments.of("mariadb-10.11/admin-session.hex", 0x80bea284, 1073741824L, 33, "root", "", null, NATIVE,
                        with(with(libmariadb, "_pid", "8002"), "program_name", "mysqladmin")),
                Arguments.of("clients/connector-j-9.7.0.hex", 0x013ea20e, 16777215L, 45, "app", SECRET_NATIVE, "fx",
                        NATIVE, Map.of("_runtime_version", "25.0.3", "_client_version", "9.7.0", "shard", "7",
                                "team", "db", "_client_license", "GPL", "_runtime_vendor", "Eclipse Adoptium",
                                "_client_name", "MySQL Connector/J")),
                Arguments.of("clients/mariadb-java-client-3.5.11.hex", 0x01bea38a, 1073741824L, 45, "app",
                        SECRET_NATIVE, "fx", NATIVE, Map.of("_client_name", "MariaDB Connector/J", "_client_version",
                                "3.5.11", "_server_host", "127.0.0.1", "_os", "Linux", "_thread", "3",
                                "_java_vendor", "Eclipse Adoptium", "_java_version", "25.0.3", "shard", "7")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("realClients")
    void parsesRealClients(String fixture, int capabilities, long maxPacket, int collation, String user,
                           String auth, String database, String plugin, Map<String, String> attributes) {
        byte[] payload = clientHello(fixture);
        HandshakeResponse41 r = Bufs.read(payload, in -> {
            assertFalse(HandshakeResponse41.isSslRequest(in));
            assertEquals(capabilities, HandshakeResponse41.peekCapabilities(in));
            HandshakeResponse41 parsed = HandshakeResponse41.parse(in);
            assertEquals(0, in.readableBytes(), "the whole response is understood");
            return parsed;
        });
        assertAll(
                () -> assertEquals(capabilities, r.capabilities()),
                () -> assertEquals(maxPacket, r.maxPacketSize()),
                () -> assertEquals(collation, r.collationId()),
                () -> assertEquals(user, r.username()),
                () -> assertEquals(auth, hex(r.authResponse())),
                () -> assertEquals(database, r.database()),
                () -> assertEquals(plugin, r.authPluginName()),
                () -> assertEquals(attributes, r.connectAttributes()));
    }

    @Test
    void recognisesTheRealSslRequest() {
        byte[] payload = clientHello("clients/mariadb-cli-ssl-request.hex");
        assertEquals(32, payload.length);
        Bufs.read(payload, in -> {
            assertTrue(HandshakeResponse41.isSslRequest(in));
            assertEquals(0x00bfaa8c, HandshakeResponse41.peekCapabilities(in));
            assertEquals(32, in.readableBytes(), "peeking consumes nothing");
            return null;
        });
    }

    @Test
    void sslRequestNeedsTheFlagAndExactlyTheFixedPart() {
        byte[] fixed = Arrays.copyOf(clientHello("clients/mariadb-cli-ssl-request.hex"), 32);
        byte[] withoutSsl = fixed.clone();
        withoutSsl[1] &= ~(SSL >> 8);
        assertFalse(Bufs.read(withoutSsl, HandshakeResponse41::isSslRequest), "32 bytes but no CLIENT_SSL");
        assertFalse(Bufs.read(Arrays.copyOf(fixed, 31), HandshakeResponse41::isSslRequest), "too short");
        // After TLS is up the client repeats the full response, still with CLIENT_SSL: that is not a request.
        byte[] full = response(PROTOCOL_41 | SECURE_CONNECTION | SSL, "u", new byte[0], null, null, null);
        assertFalse(Bufs.read(full, HandshakeResponse41::isSslRequest));
        assertThrows(MalformedPacketException.class, () -> Bufs.read(hex("8caa"), HandshakeResponse41::peekCapabilities));
    }

    // ---- each capability on and off -----------------------------------------------------------------

    @Test
    void authResponseWithLenencLength() {
        byte[] auth = new byte[251];   // needs the 0xFC form of the length
        Arrays.fill(auth, (byte) 7);
        HandshakeResponse41 r = parse(response(PROTOCOL_41 | SECURE_CONNECTION | PLUGIN_AUTH_LENENC_CLIENT_DATA,
                "u", auth, null, null, null));
        assertEquals(hex(auth), hex(r.authResponse()));
        assertEquals("u", r.username());
        assertNull(r.database());
        assertNull(r.authPluginName());
        assertEquals(Map.of(), r.connectAttributes());
    }

    @Test
    void authResponseWithOneByteLength() {
        byte[] auth = hex(SECRET_NATIVE);
        HandshakeResponse41 r = parse(response(PROTOCOL_41 | SECURE_CONNECTION | PLUGIN_AUTH | CONNECT_WITH_DB,
                "root", auth, "fx", NATIVE, null));
        assertEquals(SECRET_NATIVE, hex(r.authResponse()));
        assertEquals("fx", r.database());
        assertEquals(NATIVE, r.authPluginName());
    }

    @Test
    void authResponseNulTerminatedWithoutSecureConnection() {
        // Pre-4.1 style auth data: runs to a NUL.
        HandshakeResponse41 r = parse(response(PROTOCOL_41 | CONNECT_WITH_DB, "old", "abc".getBytes(StandardCharsets.US_ASCII),
                "db", null, null));
        assertEquals("616263", hex(r.authResponse()));
        assertEquals("db", r.database());
    }

    @Test
    void emptyDatabaseMeansNone() {
        assertNull(parse(response(PROTOCOL_41 | SECURE_CONNECTION | CONNECT_WITH_DB, "u", new byte[0], "", null,
                null)).database());
    }

    @Test
    void withoutConnectWithDbTheNextStringIsThePlugin() {
        HandshakeResponse41 r = parse(response(PROTOCOL_41 | SECURE_CONNECTION | PLUGIN_AUTH, "u", new byte[0], null,
                NATIVE, null));
        assertNull(r.database());
        assertEquals(NATIVE, r.authPluginName());
    }

    @Test
    void optionalFieldsMayBeMissingAtTheEnd() {
        // Some clients set the flags but stop after the auth response.
        HandshakeResponse41 r = parse(response(PROTOCOL_41 | SECURE_CONNECTION | CONNECT_WITH_DB | PLUGIN_AUTH
                | CONNECT_ATTRS, "u", new byte[0], null, null, null));
        assertNull(r.database());
        assertNull(r.authPluginName());
        assertEquals(Map.of(), r.connectAttributes());
    }

    @Test
    void connectionAttributes() {
        int caps = PROTOCOL_41 | SECURE_CONNECTION | PLUGIN_AUTH_LENENC_CLIENT_DATA | PLUGIN_AUTH | CONNECT_ATTRS;
        assertEquals(Map.of(), parse(response(caps, "u", new byte[0], null, NATIVE, attrs())).connectAttributes());
        String longValue = "v".repeat(300);   // the total length needs the 0xFC form, and so does this value
        Map<String, String> parsed = parse(response(caps, "u", new byte[0], null, NATIVE,
                attrs("a", "1", "é", "ü", "long", longValue))).connectAttributes();
        assertEquals(Map.of("a", "1", "é", "ü", "long", longValue), parsed);
    }

    // ---- garbage ------------------------------------------------------------------------------------

    static Stream<Arguments> malformed() {
        int lenenc = PROTOCOL_41 | SECURE_CONNECTION | PLUGIN_AUTH_LENENC_CLIENT_DATA;
        int attrs = lenenc | CONNECT_ATTRS;
        return Stream.of(
                Arguments.of("no protocol 4.1", fixed(SECURE_CONNECTION) + "7500" + "00"),
                Arguments.of("username without NUL", fixed(lenenc) + "7573"),
                Arguments.of("no auth response", fixed(lenenc) + "7500"),
                Arguments.of("NULL lenenc auth response", fixed(lenenc) + "7500" + "fb"),
                Arguments.of("lenenc auth longer than the packet", fixed(lenenc) + "7500" + "140102"),
                Arguments.of("1-byte auth length missing", fixed(PROTOCOL_41 | SECURE_CONNECTION) + "7500"),
                Arguments.of("1-byte auth longer than the packet", fixed(PROTOCOL_41 | SECURE_CONNECTION) + "7500" + "14aa"),
                Arguments.of("old-style auth without NUL", fixed(PROTOCOL_41) + "7500" + "6162"),
                Arguments.of("database without NUL", fixed(lenenc | CONNECT_WITH_DB) + "7500" + "00" + "6678"),
                Arguments.of("plugin without NUL", fixed(lenenc | PLUGIN_AUTH) + "7500" + "00" + "6d7973"),
                Arguments.of("attributes longer than the packet", fixed(attrs) + "7500" + "00" + "0a" + "0161"),
                Arguments.of("attributes length is NULL", fixed(attrs) + "7500" + "00" + "fb" + "0161"),
                Arguments.of("attributes length above 2^63", fixed(attrs) + "7500" + "00" + "feffffffffffffffff"),
                Arguments.of("attributes length truncated", fixed(attrs) + "7500" + "00" + "fc01"),
                Arguments.of("key runs past the attributes", fixed(attrs) + "7500" + "00" + "02" + "0561"),
                Arguments.of("key without value", fixed(attrs) + "7500" + "00" + "02" + "0161"),
                Arguments.of("NULL key", fixed(attrs) + "7500" + "00" + "03" + "fb" + "0131"),
                Arguments.of("NULL value", fixed(attrs) + "7500" + "00" + "03" + "0161" + "fb"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void garbageIsMalformed(String what, String payload) {
        assertThrows(MalformedPacketException.class, () -> parse(hex(payload)));
    }

    @ParameterizedTest(name = "{0} bytes")
    @ValueSource(ints = {0, 1, 4, 8, 9, 31})
    void shorterThanTheFixedPartIsMalformed(int length) {
        byte[] payload = Arrays.copyOf(clientHello("clients/connector-j-9.7.0.hex"), length);
        MalformedPacketException e = assertThrows(MalformedPacketException.class, () -> parse(payload));
        assertEquals("handshake response fixed part: needs 32 bytes, " + length + " left", e.getMessage());
    }

    static List<String> realClientFixtures() {
        return realClients().map(a -> (String) a.get()[0]).toList();
    }

    /** A response cut anywhere either still parses (optional tail fields) or is malformed, nothing else. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("realClientFixtures")
    void everyTruncationParsesOrIsMalformed(String fixture) {
        byte[] payload = clientHello(fixture);
        for (int length = 0; length < payload.length; length++) {
            byte[] cut = Arrays.copyOf(payload, length);
            try {
                parse(cut);
            } catch (MalformedPacketException expected) {
                // fine: a protocol error the caller turns into an ERR packet
            }
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private static HandshakeResponse41 parse(byte[] payload) {
        return Bufs.read(payload, HandshakeResponse41::parse);
    }

    /** The client's first packet (sequence id 1) of a fixture. */
    static byte[] clientHello(String fixture) {
        return Fixture.load(fixture).frames().stream().filter(f -> f.sequenceId() == 1 && !f.direction().equals("S"))
                .findFirst().orElseThrow().payload();
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(base);
        copy.put(key, value);
        return copy;
    }

    /** The 32-byte fixed part as hex: flags, max packet 16 MiB, utf8mb4_general_ci, 23 zero bytes. */
    private static String fixed(int capabilities) {
        byte[] b = new byte[32];
        for (int i = 0; i < 4; i++) {
            b[i] = (byte) (capabilities >>> (8 * i));
        }
        b[7] = 1;
        b[8] = 45;
        return hex(b);
    }

    /** Builds a response by the layout in the MySQL documentation, independently of the parser's helpers. */
    private static byte[] response(int caps, String user, byte[] auth, String db, String plugin, byte[] attrs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(hex(fixed(caps)));
        out.writeBytes(nul(user));
        if ((caps & PLUGIN_AUTH_LENENC_CLIENT_DATA) != 0) {
            out.writeBytes(lenenc(auth.length));
            out.writeBytes(auth);
        } else if ((caps & SECURE_CONNECTION) != 0) {
            out.write(auth.length);
            out.writeBytes(auth);
        } else {
            out.writeBytes(auth);
            out.write(0);
        }
        if (db != null) {
            out.writeBytes(nul(db));
        }
        if (plugin != null) {
            out.writeBytes(nul(plugin));
        }
        if (attrs != null) {
            out.writeBytes(lenenc(attrs.length));
            out.writeBytes(attrs);
        }
        return out.toByteArray();
    }

    private static byte[] attrs(String... keysAndValues) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String s : keysAndValues) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(lenenc(b.length));
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    private static byte[] nul(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(b, b.length + 1);
    }

    private static byte[] lenenc(int n) {
        return n < 251 ? new byte[] {(byte) n} : new byte[] {(byte) 0xfc, (byte) n, (byte) (n >> 8)};
    }
}
