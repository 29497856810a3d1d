package io.shardwire.protocol.command;

import static io.shardwire.protocol.testkit.Fixture.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.shardwire.protocol.MalformedPacketException;
import io.shardwire.protocol.testkit.Bufs;
import io.shardwire.protocol.testkit.Fixture;
import io.shardwire.protocol.testkit.LeakCheck;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Command-phase payloads (MySQL "Command Phase", "Text Protocol", "Utility Commands"). */
@ExtendWith(LeakCheck.class)
class CommandDecoderTest {

    /** Every command the proxy implements: payload hex and the command it must become. */
    static final Map<String, Command> SUPPORTED = Map.ofEntries(
            Map.entry("01", new ComQuit()),
            Map.entry("026678", new ComInitDb("fx")),
            Map.entry("02", new ComInitDb("")),
            Map.entry("02c3a9", new ComInitDb("é")),
            Map.entry("047400", new ComFieldList("t", "")),
            Map.entry("0474006e25", new ComFieldList("t", "n%")),
            Map.entry("09", new ComStatistics()),
            Map.entry("0c2a000000", new ComProcessKill(42)),
            Map.entry("0cffffffff", new ComProcessKill(4294967295L)),   // unsigned 32-bit
            Map.entry("0d", new ComDebug()),
            Map.entry("0e", new ComPing()),
            Map.entry("1b0000", new ComSetOption(ComSetOption.MULTI_STATEMENTS_ON)),
            Map.entry("1b0100", new ComSetOption(ComSetOption.MULTI_STATEMENTS_OFF)),
            Map.entry("1f", new ComResetConnection()));

    @Test
    void decodesEverySupportedCommand() {
        SUPPORTED.forEach((payload, expected) -> assertEquals(expected, decode(payload), payload));
    }

    @Test
    void keepsQueryTextAsBytes() {
        // latin1 'é' (0xE9) is not valid UTF-8: the bytes must survive until the session picks the charset.
        ComQuery q = assertInstanceOf(ComQuery.class, decode("0353454c45435420e9"));
        assertArrayEquals(hex("53454c45435420e9"), q.sql());
        assertEquals("SELECT é", q.sql(StandardCharsets.ISO_8859_1));
        assertArrayEquals(new byte[0], assertInstanceOf(ComQuery.class, decode("03")).sql());
    }

    /** Commands taken from real clients (the mariadb CLI and mariadb-admin against MariaDB 10.11). */
    @Test
    void decodesTheCommandsRealClientsSent() {
        List<Command> cli = commandsOf("mariadb-10.11/cli-session.hex");
        assertEquals(List.of(
                query("show databases"), query("show tables"), new ComFieldList("t", ""),
                query("select @@version_comment limit 1"), query("SELECT 1"), query("SELECT DATABASE()"),
                new ComInitDb("fx"), query("select DATABASE(), USER() limit 1"),
                query("select @@character_set_client, @@character_set_connection, @@character_set_server, "
                        + "@@character_set_database limit 1"),
                new ComStatistics(), new ComQuit()), cli.stream().map(CommandDecoderTest::comparable).toList());
        List<Command> admin = commandsOf("mariadb-10.11/admin-session.hex");
        assertEquals(List.of(new ComPing(), new ComStatistics(), new ComDebug(), query("KILL 4242"), new ComQuit()),
                admin.stream().map(CommandDecoderTest::comparable).toList());
    }

    @ParameterizedTest(name = "payload \"{0}\"")
    @ValueSource(strings = {
        "",             // no command byte at all
        "0c", "0c01", "0c0102", "0c010203",   // COM_PROCESS_KILL needs a 4-byte id
        "1b", "1b00",   // COM_SET_OPTION needs a 2-byte option
        "04", "047461626c65",   // COM_FIELD_LIST: the table name must be NUL-terminated
    })
    void truncatedPayloadsAreMalformed(String payload) {
        assertThrows(MalformedPacketException.class, () -> decode(payload));
    }

    /** Names from MySQL's enum_server_command, written out here rather than read from the decoder. */
    static final List<String> NAMES = List.of(
            "COM_SLEEP", "COM_QUIT", "COM_INIT_DB", "COM_QUERY", "COM_FIELD_LIST", "COM_CREATE_DB",
            "COM_DROP_DB", "COM_REFRESH", "COM_SHUTDOWN", "COM_STATISTICS", "COM_PROCESS_INFO", "COM_CONNECT",
            "COM_PROCESS_KILL", "COM_DEBUG", "COM_PING", "COM_TIME", "COM_DELAYED_INSERT", "COM_CHANGE_USER",
            "COM_BINLOG_DUMP", "COM_TABLE_DUMP", "COM_CONNECT_OUT", "COM_REGISTER_SLAVE", "COM_STMT_PREPARE",
            "COM_STMT_EXECUTE", "COM_STMT_SEND_LONG_DATA", "COM_STMT_CLOSE", "COM_STMT_RESET", "COM_SET_OPTION",
            "COM_STMT_FETCH", "COM_DAEMON", "COM_BINLOG_DUMP_GTID", "COM_RESET_CONNECTION");
    static final Set<Integer> IMPLEMENTED = Set.of(0x01, 0x02, 0x03, 0x04, 0x09, 0x0C, 0x0D, 0x0E, 0x1B, 0x1F,
            0x16, 0x17, 0x18, 0x19, 0x1A, 0x1C);   // COM_STMT_*: see ComStmtCommandsTest

    static IntStream unsupportedCodes() {
        return IntStream.range(0, 256).filter(code -> !IMPLEMENTED.contains(code));
    }

    @ParameterizedTest(name = "code {0}")
    @MethodSource("unsupportedCodes")
    void everyOtherCodeIsUnsupportedWithItsName(int code) {
        String name = code < NAMES.size() ? NAMES.get(code) : String.format("0x%02X", code);
        // A trailing byte too: unsupported commands are not parsed, whatever their body.
        Command command = Bufs.read(new byte[] {(byte) code, 0x00}, CommandDecoder::decode);
        assertEquals(new UnsupportedCommand(code, name), command);
        assertEquals(name, CommandDecoder.nameOf(code));
    }

    @Test
    void namesMariaDbOnlyCodesByNumber() {
        // COM_STMT_BULK_EXECUTE (0xFA) exists only in MariaDB; the proxy answers it as unknown.
        assertEquals(new UnsupportedCommand(0xFA, "0xFA"), decode("fa"));
        assertEquals("COM_STMT_PREPARE", CommandDecoder.nameOf(0x16));
    }

    private static Command decode(String payload) {
        return Bufs.read(hex(payload), CommandDecoder::decode);
    }

    /** Client command packets: the C> packets with sequence id 0, after the handshake. */
    private static List<Command> commandsOf(String fixture) {
        return Fixture.load(fixture).frames("C").stream()
                .filter(f -> f.sequenceId() == 0)
                .map(f -> Bufs.read(f.payload(), CommandDecoder::decode))
                .toList();
    }

    /** ComQuery holds a byte[] (identity equals); compare by text instead. */
    private record QueryText(String sql) {
    }

    private static Object query(String sql) {
        return new QueryText(sql);
    }

    private static Object comparable(Command c) {
        return c instanceof ComQuery q ? new QueryText(q.sql(StandardCharsets.UTF_8)) : c;
    }
}
