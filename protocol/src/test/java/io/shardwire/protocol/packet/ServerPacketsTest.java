package io.shardwire.protocol.packet;

import static io.shardwire.protocol.testkit.Fixture.hex;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.shardwire.protocol.Capability;
import io.shardwire.protocol.ColumnType;
import io.shardwire.protocol.MalformedPacketException;
import io.shardwire.protocol.ServerStatus;
import io.shardwire.protocol.Wire;
import io.shardwire.protocol.testkit.Bufs;
import io.shardwire.protocol.testkit.Fixture;
import io.shardwire.protocol.testkit.LeakCheck;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Our writers against the bytes MariaDB 10.11 sent for the same field values (fixtures/mariadb-10.11):
 * a client must not be able to tell the proxy's packets from a server's.
 */
@ExtendWith(LeakCheck.class)
class ServerPacketsTest {
    private static final int AUTOCOMMIT = ServerStatus.AUTOCOMMIT;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // fixture                           | affected | last id | status | warnings | info
        "mariadb-10.11/ok-after-auth.hex      | 0 | 0   | 2 | 0 | ''",
        "mariadb-10.11/ok-create-database.hex | 1 | 0   | 2 | 0 | ''",
        "mariadb-10.11/ok-create-table.hex    | 0 | 0   | 2 | 0 | ''",
        // 301 needs the 3-byte lenenc form; the info text is length-encoded on the wire.
        "mariadb-10.11/ok-insert-info.hex     | 3 | 301 | 2 | 0 | Records: 3  Duplicates: 0  Warnings: 0",
        "mariadb-10.11/ok-update-info.hex     | 2 | 0   | 2 | 0 | Rows matched: 2  Changed: 2  Warnings: 0",
    })
    void okPacketsMatchTheServer(String fixture, long affected, long lastId, int status, int warnings, String info) {
        OkPacket ok = new OkPacket(affected, lastId, status, warnings, info);
        assertEquals(Fixture.load(fixture).single().payloadHex(), hex(Bufs.write(ok::writeTo)));
    }

    @Test
    void okOfStatusIsTheShortOk() {
        assertEquals(Fixture.load("mariadb-10.11/ok-after-auth.hex").single().payloadHex(),
                hex(Bufs.write(OkPacket.of(AUTOCOMMIT)::writeTo)));
    }

    @Test
    void okAsEofEndsADeprecateEofResultSet() {
        List<Fixture.Frame> frames = Fixture.load("mariadb-10.11/resultset-deprecate-eof.hex").frames();
        int status = AUTOCOMMIT | ServerStatus.NO_INDEX_USED;
        assertEquals(frames.get(frames.size() - 1).payloadHex(),
                hex(Bufs.write(new OkPacket(0, 0, status, 0, "")::writeAsEofTo)));
    }

    @Test
    void eofPacketsMatchTheServer() {
        // Without DEPRECATE_EOF: one EOF after the column definitions and one after the rows.
        List<Fixture.Frame> frames = Fixture.load("mariadb-10.11/resultset-eof.hex").frames();
        String eof = hex(Bufs.write(new EofPacket(0, AUTOCOMMIT | ServerStatus.NO_INDEX_USED)::writeTo));
        assertEquals(frames.get(8).payloadHex(), eof);
        assertEquals(frames.get(frames.size() - 1).payloadHex(), eof);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "mariadb-10.11/err-no-such-table.hex | 1146 | 42S02 | Table 'fx.nope' doesn't exist",
        "mariadb-10.11/err-parse.hex         | 1064 | 42000 | You have an error in your SQL syntax; check the manual that "
                + "corresponds to your MariaDB server version for the right syntax to use near 'SELEC 1' at line 1",
    })
    void errPacketsMatchTheServer(String fixture, int code, String state, String message) {
        assertEquals(Fixture.load(fixture).single().payloadHex(),
                hex(Bufs.write(new ErrPacket(code, state, message)::writeTo)));
    }

    @Test
    void errPacketFromARelayedSessionMatches() {
        // mariadb-admin's "kill 4242": ER_NO_SUCH_THREAD with the generic SQLSTATE.
        Fixture.Frame err = Fixture.load("mariadb-10.11/admin-session.hex").frames("S").stream()
                .filter(f -> f.wire()[4] == (byte) 0xFF).findFirst().orElseThrow();
        assertEquals(err.payloadHex(), hex(Bufs.write(new ErrPacket(1094, "HY000", "Unknown thread id: 4242")::writeTo)));
    }

    @ParameterizedTest(name = "sqlState \"{0}\"")
    @CsvSource(value = {"''", "4200", "420000", "NULL"}, nullValues = "NULL")
    void errPacketFallsBackToHy000ForAnInvalidSqlState(String state) {
        // The '#'+5 characters are fixed width; anything else would shift the message.
        assertEquals("ff1504234859303030" + hex("boom".getBytes(StandardCharsets.UTF_8)),
                hex(Bufs.write(new ErrPacket(1045, state, "boom")::writeTo)));
    }

    // ---- result set -----------------------------------------------------------------------------------

    /** The seven column definitions of {@code SELECT id, name AS label, price, big, ratio, born, data FROM fx.t}. */
    static final List<ColumnDefinition> COLUMNS = List.of(
            // NOT_NULL | PRI_KEY | UNSIGNED | AUTO_INCREMENT | PART_KEY; collation 63 = binary
            new ColumnDefinition("fx", "t", "t", "id", "id", 63, 10, ColumnType.LONG, 0x4223, 0),
            // 20 characters of utf8mb4 (collation 45) = 80 bytes; an alias keeps the original name apart
            new ColumnDefinition("fx", "t", "t", "label", "name", 45, 80, ColumnType.VAR_STRING, 0, 0),
            new ColumnDefinition("fx", "t", "t", "price", "price", 63, 12, ColumnType.NEWDECIMAL, 0, 2),
            new ColumnDefinition("fx", "t", "t", "big", "big", 63, 20, ColumnType.LONGLONG, 0, 0),
            // 31 decimals: "not fixed" for floating point
            new ColumnDefinition("fx", "t", "t", "ratio", "ratio", 63, 22, ColumnType.DOUBLE, 0, 31),
            new ColumnDefinition("fx", "t", "t", "born", "born", 63, 19, ColumnType.DATETIME, 0x80, 0),
            new ColumnDefinition("fx", "t", "t", "data", "data", 63, 65535, ColumnType.BLOB, 0x90, 0));

    @ParameterizedTest(name = "{0}")
    @CsvSource({"mariadb-10.11/resultset-eof.hex", "mariadb-10.11/resultset-deprecate-eof.hex"})
    void columnDefinitionsParseAndRewriteByteForByte(String fixture) {
        List<Fixture.Frame> frames = Fixture.load(fixture).frames();
        assertEquals("07", frames.get(0).payloadHex(), "column count");
        assertEquals("07", hex(Bufs.write(out -> Wire.writeLenencInt(out, COLUMNS.size()))));
        for (int i = 0; i < COLUMNS.size(); i++) {
            byte[] captured = frames.get(1 + i).payload();
            ColumnDefinition parsed = Bufs.read(captured, in -> {
                ColumnDefinition c = ColumnDefinition.parse(in);
                assertEquals(0, in.readableBytes(), "column definition fully read");
                return c;
            });
            assertEquals(COLUMNS.get(i), parsed);
            assertEquals(hex(captured), hex(Bufs.write(parsed::writeTo)), "rewritten column " + i);
        }
    }

    @Test
    void textRowsMatchTheServer() {
        List<Fixture.Frame> frames = Fixture.load("mariadb-10.11/resultset-eof.hex").frames();
        byte[][][] rows = {
            {ascii("300"), ascii("alpha"), ascii("12.50"), ascii("-9000000000"), ascii("0.25"),
                ascii("2024-02-29 13:14:15"), new byte[] {0, (byte) 0xff}},
            {ascii("301"), "béta".getBytes(StandardCharsets.UTF_8), null, ascii("70000"), ascii("2"), null, null},
            // An empty BLOB is a zero length, not NULL.
            {ascii("302"), null, ascii("0.00"), ascii("0"), ascii("2"), ascii("1999-12-31 23:59:59"), new byte[0]},
        };
        for (int r = 0; r < rows.length; r++) {
            byte[][] row = rows[r];
            assertEquals(frames.get(9 + r).payloadHex(), hex(Bufs.write(out -> TextRow.writeTo(out, row))), "row " + r);
        }
    }

    @Test
    void columnDefinitionWithMariaDbExtendedMetadataIsRejected() {
        // The mariadb CLI asked for MariaDB's extended type info, so the server put an extra lenenc string
        // before the fixed part. The proxy never asks for it; if a backend sent it anyway, fail loudly.
        byte[] select1 = Fixture.load("mariadb-10.11/cli-session.hex").frames("S").stream()
                .filter(f -> f.payloadHex().startsWith("036465660000000131"))   // "def", "", "", "", "1"
                .findFirst().orElseThrow().payload();
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> Bufs.read(select1, ColumnDefinition::parse));
        assertEquals("column definition: fixed-length part is 0 (expected: 12)", e.getMessage());
    }

    @Test
    void truncatedColumnDefinitionsAreMalformed() {
        byte[] id = Fixture.load("mariadb-10.11/resultset-eof.hex").frames().get(1).payload();
        // Cut anywhere before the 2 filler bytes at the end, the definition is incomplete.
        for (int length = 0; length < id.length - 2; length++) {
            byte[] cut = Arrays.copyOf(id, length);
            assertThrows(MalformedPacketException.class, () -> Bufs.read(cut, ColumnDefinition::parse),
                    "cut at " + length);
        }
    }

    // ---- greeting -------------------------------------------------------------------------------------

    /** The greeting's fields, read by the layout in the documentation (the proxy itself never parses one). */
    record Greeting(int protocol, String version, long connectionId, byte[] seed, int capabilities,
                    int collation, int status, int authDataLength, byte[] reserved, String plugin) {
        static Greeting parse(byte[] payload) {
            return Bufs.read(payload, in -> {
                int protocol = in.readUnsignedByte();
                String version = Wire.readNulString(in);
                long id = in.readUnsignedIntLE();
                byte[] seed = new byte[20];
                in.readBytes(seed, 0, 8);
                assertEquals(0, in.readByte(), "filler after the first 8 seed bytes");
                int capsLow = in.readUnsignedShortLE();
                int collation = in.readUnsignedByte();
                int status = in.readUnsignedShortLE();
                int caps = capsLow | in.readUnsignedShortLE() << 16;
                int authLength = in.readUnsignedByte();
                byte[] reserved = new byte[10];
                in.readBytes(reserved);
                in.readBytes(seed, 8, 12);
                assertEquals(0, in.readByte(), "NUL after the seed");
                String plugin = Wire.readNulString(in);
                assertEquals(0, in.readableBytes());
                return new Greeting(protocol, version, id, seed, caps, collation, status, authLength, reserved, plugin);
            });
        }
    }

    @Test
    void handshakeMatchesTheServersGreetingForTheSameFields() {
        byte[] captured = Fixture.load("mariadb-10.11/handshake-v10.hex").single().payload();
        Greeting g = Greeting.parse(captured);
        assertEquals(10, g.protocol());
        assertEquals("5.5.5-10.11.18-MariaDB-0+deb12u1", g.version());
        assertEquals("5431365941795e4b3c2b5f7c765b437b635f3175", hex(g.seed()));
        assertEquals(Capability.PROTOCOL_41 | Capability.SECURE_CONNECTION | Capability.PLUGIN_AUTH,
                g.capabilities() & (Capability.PROTOCOL_41 | Capability.SECURE_CONNECTION | Capability.PLUGIN_AUTH));
        assertEquals("mysql_native_password", g.plugin());

        byte[] ours = Bufs.write(new HandshakeV10(g.version(), g.connectionId(), g.seed(), g.capabilities(),
                g.collation(), g.status(), g.plugin())::writeTo);
        // MariaDB fills the last 4 of the 10 reserved bytes with its extended capabilities because it does
        // not set CLIENT_MYSQL (bit 0); we send zeros there. Every other byte must be the same.
        int reservedAt = 1 + g.version().length() + 1 + 4 + 8 + 1 + 2 + 1 + 2 + 2 + 1;
        assertEquals("0000000000001d000000", hex(Arrays.copyOfRange(captured, reservedAt, reservedAt + 10)));
        byte[] expected = captured.clone();
        Arrays.fill(expected, reservedAt + 6, reservedAt + 10, (byte) 0);
        assertEquals(hex(expected), hex(ours));
    }

    @Test
    void handshakeWithAnotherSeedHasTheSameStructure() {
        byte[] seed = hex("0102030405060708090a0b0c0d0e0f1011121314");
        int caps = Capability.PROTOCOL_41 | Capability.SECURE_CONNECTION | Capability.PLUGIN_AUTH
                | Capability.CONNECT_WITH_DB | Capability.DEPRECATE_EOF | Capability.PLUGIN_AUTH_LENENC_CLIENT_DATA;
        byte[] ours = Bufs.write(new HandshakeV10("8.0.36-shardwire", 0xFFFFFFFFL, seed, caps, 45,
                AUTOCOMMIT, "caching_sha2_password")::writeTo);
        Greeting g = Greeting.parse(ours);
        assertAll(
                () -> assertEquals(10, g.protocol()),
                () -> assertEquals("8.0.36-shardwire", g.version()),
                () -> assertEquals(0xFFFFFFFFL, g.connectionId()),
                () -> assertEquals(hex(seed), hex(g.seed())),
                () -> assertEquals(caps, g.capabilities()),
                () -> assertEquals(45, g.collation()),
                () -> assertEquals(AUTOCOMMIT, g.status()),
                () -> assertEquals(21, g.authDataLength(), "seed length + 1"),
                () -> assertEquals(hex(new byte[10]), hex(g.reserved())),
                () -> assertEquals("caching_sha2_password", g.plugin()));
    }

    @Test
    void handshakeRejectsASeedThatIsNot20Bytes() {
        assertThrows(IllegalArgumentException.class,
                () -> new HandshakeV10("v", 1, new byte[8], 0, 45, 0, "mysql_native_password"));
    }

    // ---- auth phase ---------------------------------------------------------------------------------

    @Test
    void authSwitchRequestMatchesTheServer() {
        // MariaDB switches an account's client to its plugin and repeats the greeting's seed.
        List<Fixture.Frame> frames = Fixture.load("mariadb-10.11/auth-switch-request.hex").frames();
        Greeting greeting = Greeting.parse(frames.get(0).payload());
        assertEquals(2, frames.get(1).sequenceId());
        assertEquals(frames.get(1).payloadHex(),
                hex(Bufs.write(new AuthSwitchRequest("mysql_native_password", greeting.seed())::writeTo)));
    }

    @Test
    void authSwitchRequestLayout() {
        // 0xFE, plugin name NUL-terminated, plugin data; mysql_native_password's data is the seed plus a NUL.
        byte[] seed = hex("0102030405060708090a0b0c0d0e0f1011121314");
        assertEquals("fe" + hex(ascii("mysql_native_password")) + "00" + hex(seed) + "00",
                hex(Bufs.write(new AuthSwitchRequest("mysql_native_password", seed)::writeTo)));
    }

    @Test
    void authMoreDataLayout() {
        assertEquals("0103", hex(Bufs.write(new AuthMoreData(new byte[] {AuthMoreData.FAST_AUTH_SUCCESS})::writeTo)));
        assertEquals("0104",
                hex(Bufs.write(new AuthMoreData(new byte[] {AuthMoreData.PERFORM_FULL_AUTHENTICATION})::writeTo)));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
