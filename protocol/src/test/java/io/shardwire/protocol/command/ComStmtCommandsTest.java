package io.shardwire.protocol.command;

import static io.shardwire.protocol.testkit.Fixture.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shardwire.protocol.MalformedPacketException;
import io.shardwire.protocol.testkit.Bufs;
import io.shardwire.protocol.testkit.LeakCheck;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The prepared-statement commands (MySQL "Prepared Statements": COM_STMT_*). */
@ExtendWith(LeakCheck.class)
class ComStmtCommandsTest {

    @Test
    void prepareKeepsTheSqlAsBytes() {
        ComStmtPrepare prepare = assertInstanceOf(ComStmtPrepare.class, decode("1653454c454354203f2c20e9"));
        assertArrayEquals(hex("53454c454354203f2c20e9"), prepare.sql());
        assertEquals("SELECT ?, é", prepare.sql(StandardCharsets.ISO_8859_1));
    }

    @Test
    void executeKeepsTheParametersForLater() {
        ComStmtExecute execute = assertInstanceOf(ComStmtExecute.class, decode("17" + "feffffff" + "01" + "01000000" + "0001"));
        assertEquals(0xFFFFFFFEL, execute.statementId(), "statement ids are unsigned 32-bit");
        assertTrue(execute.cursorRequested());
        assertEquals(1, execute.iterationCount());
        assertArrayEquals(hex("0001"), execute.parameters());
        // MariaDB's "direct execute" id: the statement prepared just before in the same pipeline
        assertEquals(0xFFFFFFFFL, ((ComStmtExecute) decode("17ffffffff0001000000")).statementId());
    }

    @Test
    void sendLongDataCarriesStatementParameterAndBytes() {
        ComStmtSendLongData data = assertInstanceOf(ComStmtSendLongData.class, decode("18" + "07000000" + "0200" + "00ff61"));
        assertEquals(7, data.statementId());
        assertEquals(2, data.parameterId());
        assertArrayEquals(hex("00ff61"), data.data());
        assertArrayEquals(new byte[0], ((ComStmtSendLongData) decode("18" + "07000000" + "0000")).data());
    }

    @Test
    void closeResetAndFetch() {
        assertEquals(new ComStmtClose(3), decode("1903000000"));
        assertEquals(new ComStmtReset(4294967295L), decode("1affffffff"));
        assertEquals(new ComStmtFetch(5, 100), decode("1c" + "05000000" + "64000000"));
    }

    @ParameterizedTest(name = "payload \"{0}\"")
    @ValueSource(strings = {
        "17", "17010000", "1701000000", "170100000000010000",   // execute: id, flags, iteration count cut short
        "18", "1801000000", "180100000000",                      // long data: statement and parameter id
        "19", "19010000", "1a", "1a0100",                        // close, reset
        "1c", "1c01000000", "1c0100000064",                      // fetch: id and row count
    })
    void truncatedStatementCommandsAreMalformed(String payload) {
        assertThrows(MalformedPacketException.class, () -> decode(payload));
    }

    @Test
    void namesTheStatementCommands() {
        assertEquals("COM_STMT_EXECUTE", CommandDecoder.nameOf(0x17));
        assertEquals("COM_STMT_FETCH", CommandDecoder.nameOf(0x1C));
    }

    private static Command decode(String payload) {
        return Bufs.read(hex(payload), CommandDecoder::decode);
    }
}
