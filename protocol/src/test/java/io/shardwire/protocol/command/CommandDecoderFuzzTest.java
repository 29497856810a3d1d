package io.shardwire.protocol.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.shardwire.protocol.MalformedPacketException;
import io.shardwire.protocol.testkit.Bufs;
import java.util.Arrays;

/**
 * Coverage-guided fuzzing of the command phase's first packet (MySQL "Command Phase"): any payload decodes
 * to a {@link Command} or fails with {@link MalformedPacketException}, nothing else. A statement's text must
 * arrive whole, byte for byte.
 *
 * <p>Seeds in {@code CommandDecoderFuzzTestInputs}: the client commands of {@code fixtures/mariadb-10.11}
 * (COM_QUERY, COM_INIT_DB, COM_FIELD_LIST, COM_PING, COM_QUIT ...) and hand-made COM_STMT_* packets.
 */
class CommandDecoderFuzzTest {

    @FuzzTest(maxDuration = "12s")
    void decodesAnyPayload(byte[] payload) {
        Command command;
        try {
            command = Bufs.read(payload, CommandDecoder::decode);
        } catch (MalformedPacketException expected) {
            return;
        }
        byte[] rest = payload.length > 0 ? Arrays.copyOfRange(payload, 1, payload.length) : payload;
        switch (command) {
            case ComQuery q -> assertArrayEquals(rest, q.sql());
            case ComStmtPrepare p -> assertArrayEquals(rest, p.sql());
            default -> { }
        }
    }
}
