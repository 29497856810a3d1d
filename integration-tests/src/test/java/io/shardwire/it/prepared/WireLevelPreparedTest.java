package io.shardwire.it.prepared;

import static io.shardwire.it.prepared.WireClient.COM_PING;
import static io.shardwire.it.prepared.WireClient.COM_RESET_CONNECTION;
import static io.shardwire.it.prepared.WireClient.COM_STMT_CLOSE;
import static io.shardwire.it.prepared.WireClient.COM_STMT_EXECUTE;
import static io.shardwire.it.prepared.WireClient.COM_STMT_FETCH;
import static io.shardwire.it.prepared.WireClient.COM_STMT_PREPARE;
import static io.shardwire.it.prepared.WireClient.COM_STMT_RESET;
import static io.shardwire.it.prepared.WireClient.COM_STMT_SEND_LONG_DATA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shardwire.embedded.MariaDbCluster;
import io.shardwire.embedded.MariaDbServer;
import io.shardwire.it.harness.MariaDbBackends;
import io.shardwire.it.harness.ProxyUnderTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The prepared-statement commands byte for byte: each scenario sends the same packets to the proxy and to a
 * MariaDB server directly and expects the same packets back (MySQL "Prepared Statements"). This is where
 * what no driver exercises is checked: unknown statement ids, malformed executions, direct execute (id
 * 0xFFFFFFFF), COM_STMT_CLOSE's silence, long data and resets, cursors, COM_RESET_CONNECTION.
 */
@MariaDbBackends(count = 3)
class WireLevelPreparedTest {
    private static final String DB = "ps_wire";
    private static final HexFormat HEX = HexFormat.of();
    private static ProxyUnderTest proxy;
    private static MariaDbServer backend;

    @BeforeAll
    static void start(MariaDbCluster cluster) throws Exception {
        proxy = ProxyUnderTest.start(cluster, DB);
        backend = cluster.server(0);
        try (Connection c = direct()) {
            TypedRows.write(c, "typed");
        }
    }

    @AfterAll
    static void stop() throws SQLException {
        try (Connection c = direct(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DB);
        } finally {
            proxy.close();
        }
    }

    private static Connection direct() throws SQLException {
        return DriverManager.getConnection(backend.jdbcUrl(DB) + "?sslMode=DISABLED&useServerPrepStmts=true", "root", "");
    }

    private interface Scenario {
        void run(WireClient client, List<String> transcript) throws IOException;
    }

    /**
     * Runs the scenario against the backend and the proxy; the transcripts must be equal. Both sessions first
     * set character_set_results to NULL, as the proxy's own backend connections have it (Connector/J's
     * default): column lengths are reported in the columns' own character sets then.
     */
    private static void assertSameOnTheWire(boolean deprecateEof, Scenario scenario) throws IOException {
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        try (WireClient c = WireClient.connect(backend.port(), "root", "", DB, deprecateEof)) {
            c.query("SET character_set_results = NULL");
            c.readAnswer();
            scenario.run(c, expected);
        }
        try (WireClient c = WireClient.connect(proxy.port(), "app", "app", DB, deprecateEof)) {
            c.query("SET character_set_results = NULL");
            c.readAnswer();
            scenario.run(c, actual);
        }
        ResultSets.assertSameLines(expected, actual, "packets, DEPRECATE_EOF " + deprecateEof);
    }

    /**
     * Adds the packets to the transcript with three fields masked that cannot match, and why:
     * <ul>
     *   <li>the statement id of a prepare-OK (and in the message of ER_STMT_HAS_NO_OPEN_CURSOR): the proxy
     *       numbers a session's statements from 1, MariaDB counts every statement of the connection;
     *   <li>the length of an integer column: Connector/J, which the proxy reads backends with, replaces it by
     *       the type's precision, so the proxy sends the type's default display width;
     *   <li>the status flags of the EOF right after column definitions: Connector/J does not report the
     *       backend's status at that point.
     * </ul>
     */
    private static void record(List<String> transcript, String step, List<WireClient.Packet> packets) {
        boolean afterDefinition = false;
        for (int i = 0; i < packets.size(); i++) {
            WireClient.Packet p = packets.get(i);
            String text;
            if (p.isErr()) {
                // a message that names a statement by its id has the masked id too
                text = "ERR " + (p.errorCode() == 1421 ? p.error().replaceAll("\\(\\d+\\)", "(<id>)") : p.error());
            } else if (step.contains("prepare") && i == 0 && p.isOk() && p.payload().length >= 12) {
                text = "prepare-OK id=<masked> " + HEX.formatHex(p.payload(), 5, p.payload().length);
            } else if (isColumnDefinition(p)) {
                // MariaDB describes a cursor's columns from the temporary table that holds its rows
                text = step.contains("cursor") ? "<column definition>" : maskIntegerLength(p);
            } else if (afterDefinition && p.isEnd() && p.payload().length == 5) {
                text = "EOF warnings=" + HEX.formatHex(p.payload(), 1, 3) + " status=<masked>";
            } else {
                text = p.toString();
            }
            afterDefinition = isColumnDefinition(p);
            transcript.add(step + " #" + i + ": " + text);
        }
    }

    private static boolean isColumnDefinition(WireClient.Packet p) {
        byte[] b = p.payload();
        return b.length > 4 && b[0] == 3 && b[1] == 'd' && b[2] == 'e' && b[3] == 'f';
    }

    private static String maskIntegerLength(WireClient.Packet p) {
        byte[] b = p.payload().clone();
        int at = 0;
        for (int i = 0; i < 6; i++) {
            at += 1 + (b[at] & 0xFF);   // catalog, schema, table, org_table, name, org_name (short names)
        }
        int lengthAt = at + 1 + 2;
        int type = b[lengthAt + 4] & 0xFF;
        if (type == 0x01 || type == 0x02 || type == 0x03 || type == 0x08 || type == 0x09) {
            return HEX.formatHex(b, 0, lengthAt) + "<length>" + HEX.formatHex(b, lengthAt + 4, b.length);
        }
        return HEX.formatHex(b);
    }

    private static byte[] bytes(String hex) {
        return HEX.parseHex(hex);
    }

    private static byte[] prepareBody(String sql) {
        return sql.getBytes(StandardCharsets.UTF_8);
    }

    /** Every column type: the prepare answer, then binary rows; the rows must be the backend's to the byte. */
    @ParameterizedTest(name = "DEPRECATE_EOF {0}")
    @ValueSource(booleans = {true, false})
    void binaryRowsOfEveryTypeAreTheBackends(boolean deprecateEof) throws IOException {
        assertSameOnTheWire(deprecateEof, (c, t) -> {
            c.command(COM_STMT_PREPARE, prepareBody("SELECT * FROM typed WHERE id > ? ORDER BY id"));
            List<WireClient.Packet> prepared = c.readPrepareAnswer();
            record(t, "prepare", prepared);
            long id = WireClient.statementId(prepared.get(0));
            // one LONGLONG parameter, 0
            c.command(COM_STMT_EXECUTE, WireClient.execute(id, 0, bytes("00" + "01" + "0800" + "0000000000000000")));
            record(t, "execute", c.readAnswer());
            // again without types: new-params-bound 0 reuses LONGLONG
            c.command(COM_STMT_EXECUTE, WireClient.execute(id, 0, bytes("00" + "00" + "0300000000000000")));
            record(t, "execute again", c.readAnswer());
        });
    }

    @ParameterizedTest(name = "DEPRECATE_EOF {0}")
    @ValueSource(booleans = {true, false})
    void unknownStatementIds(boolean deprecateEof) throws IOException {
        assertSameOnTheWire(deprecateEof, (c, t) -> {
            c.command(COM_STMT_EXECUTE, WireClient.execute(77, 0, new byte[0]));
            record(t, "execute 77", c.readAnswer());
            c.command(COM_STMT_FETCH, bytes("4d000000" + "01000000"));
            record(t, "fetch 77", c.readAnswer());
            c.command(COM_STMT_RESET, WireClient.id(77));
            record(t, "reset 77", c.readAnswer());
            c.command(COM_STMT_CLOSE, WireClient.id(77));
            c.command(COM_STMT_SEND_LONG_DATA, bytes("4d000000" + "0000" + "61"));
            assertTrue(c.silentFor(300), "COM_STMT_CLOSE and COM_STMT_SEND_LONG_DATA are never answered");
            c.command(COM_PING, new byte[0]);
            record(t, "ping", c.readAnswer());
        });
    }

    /** Executions whose parameters cannot be read: an ERR, and the session goes on. */
    @ParameterizedTest(name = "parameters \"{0}\"")
    @ValueSource(strings = {"", "00", "0001", "000108", "00010800" + "2a000000", "00014200" + "00", "00000101"})
    void malformedExecutionsFailAndTheSessionGoesOn(String parameters) throws IOException {
        assertSameOnTheWire(true, (c, t) -> {
            // a string: a substituted integer literal is an INT where MariaDB makes the parameter a BIGINT
            c.command(COM_STMT_PREPARE, prepareBody("SELECT ? AS a"));
            long id = WireClient.statementId(c.readPrepareAnswer().get(0));
            c.command(COM_STMT_EXECUTE, WireClient.execute(id, 0, bytes(parameters)));
            WireClient.Packet answer = c.readAnswer().get(0);
            t.add("malformed execute is an error: " + answer.isErr());
            c.query("SELECT 1");
            record(t, "query after it", c.readAnswer());
            c.command(COM_STMT_EXECUTE, WireClient.execute(id, 0, bytes("00" + "01" + "fd00" + "0137")));
            record(t, "a correct execution", c.readAnswer());
        });
    }

    /** MariaDB's direct execute: id 0xFFFFFFFF is the statement prepared just before, even in one pipeline. */
    @ParameterizedTest(name = "DEPRECATE_EOF {0}")
    @ValueSource(booleans = {true, false})
    void directExecuteRunsTheStatementJustPrepared(boolean deprecateEof) throws IOException {
        assertSameOnTheWire(deprecateEof, (c, t) -> {
            // (not ? + 1: prepared, MariaDB calls that a DOUBLE with 0 decimals, which Connector/J cannot tell from 31)
            c.command(COM_STMT_PREPARE, prepareBody("SELECT CONCAT(?, '!') AS x"));
            c.command(COM_STMT_EXECUTE, WireClient.execute(0xFFFFFFFFL, 0, bytes("00" + "01" + "fd00" + "023432")));
            record(t, "prepare", c.readPrepareAnswer());
            record(t, "direct execute", c.readAnswer());
            // a failed prepare: the direct execute behind it must not run an older statement
            c.command(COM_STMT_PREPARE, prepareBody("SELEC 1"));
            c.command(COM_STMT_EXECUTE, WireClient.execute(0xFFFFFFFFL, 0, new byte[0]));
            record(t, "failed prepare", c.readPrepareAnswer());
            t.add("direct execute after it is an error: " + c.readAnswer().get(0).isErr());
        });
    }

    @ParameterizedTest(name = "DEPRECATE_EOF {0}")
    @ValueSource(booleans = {true, false})
    void longDataIsUsedByOneExecutionAndResetDropsIt(boolean deprecateEof) throws IOException {
        assertSameOnTheWire(deprecateEof, (c, t) -> {
            c.command(COM_STMT_PREPARE, prepareBody("SELECT CONCAT('<', ?, '>') AS v"));
            long id = WireClient.statementId(c.readPrepareAnswer().get(0));
            String longData = HEX.formatHex(WireClient.id(id)) + "0000";
            c.command(COM_STMT_SEND_LONG_DATA, bytes(longData + "616263"));
            c.command(COM_STMT_SEND_LONG_DATA, bytes(longData + "646566"));
            // the value comes from long data: nothing inline for it
            c.command(COM_STMT_EXECUTE, WireClient.execute(id, 0, bytes("00" + "01" + "fd00")));
            record(t, "execute with long data", c.readAnswer());
            c.command(COM_STMT_EXECUTE, WireClient.execute(id, 0, bytes("00" + "01" + "fd00" + "0178")));
            record(t, "the next execution has its value inline", c.readAnswer());
            c.command(COM_STMT_SEND_LONG_DATA, bytes(longData + "7a7a"));
            c.command(COM_STMT_RESET, WireClient.id(id));
            record(t, "reset", c.readAnswer());
            c.command(COM_STMT_EXECUTE, WireClient.execute(id, 0, bytes("00" + "01" + "fd00" + "0179")));
            record(t, "after the reset", c.readAnswer());
        });
    }

    /** A cursor: column definitions and CURSOR_EXISTS first, then the rows in COM_STMT_FETCH-sized parts. */
    @ParameterizedTest(name = "DEPRECATE_EOF {0}")
    @ValueSource(booleans = {true, false})
    void cursorsAreReadWithFetch(boolean deprecateEof) throws IOException {
        assertSameOnTheWire(deprecateEof, (c, t) -> {
            // expressions only: MariaDB's cursor materializes the result, and its columns lose the key flags
            c.command(COM_STMT_PREPARE, prepareBody("SELECT seq + 0 AS n, CONCAT('row ', seq) AS r FROM seq_1_to_5 WHERE seq > ?"));
            long id = WireClient.statementId(c.readPrepareAnswer().get(0));
            c.command(COM_STMT_EXECUTE, WireClient.execute(id, 1, bytes("00" + "01" + "0800" + "0000000000000000")));
            List<WireClient.Packet> opened = new ArrayList<>();
            WireClient.Packet count = c.read();
            opened.add(count);
            for (int i = 0; i < count.header() + 1; i++) {
                opened.add(c.read());   // definitions, then the status that says the cursor exists
            }
            record(t, "execute with a cursor", opened);
            for (int fetch = 0; fetch < 3; fetch++) {
                c.command(COM_STMT_FETCH, bytes(HEX.formatHex(WireClient.id(id)) + "02000000"));
                List<WireClient.Packet> rows = new ArrayList<>();
                WireClient.Packet p;
                do {
                    p = c.read();
                    rows.add(p);
                } while (!p.isEnd() && !p.isErr());
                record(t, "fetch " + fetch, rows);
            }
            c.command(COM_STMT_FETCH, bytes(HEX.formatHex(WireClient.id(id)) + "02000000"));
            record(t, "fetch past the end", c.readAnswer());
        });
    }

    @ParameterizedTest(name = "DEPRECATE_EOF {0}")
    @ValueSource(booleans = {true, false})
    void resetConnectionForgetsStatements(boolean deprecateEof) throws IOException {
        assertSameOnTheWire(deprecateEof, (c, t) -> {
            c.command(COM_STMT_PREPARE, prepareBody("SELECT 1"));
            record(t, "prepare", c.readPrepareAnswer());
            c.command(COM_STMT_PREPARE, prepareBody("DO ?"));
            record(t, "second prepare gets the next id", c.readPrepareAnswer());
            c.command(COM_RESET_CONNECTION, new byte[0]);
            t.add("reset connection answered OK: " + c.readAnswer().get(0).isOk());
            c.command(COM_STMT_EXECUTE, WireClient.execute(1, 0, new byte[0]));
            record(t, "execute after the reset", c.readAnswer());
        });
    }
}
