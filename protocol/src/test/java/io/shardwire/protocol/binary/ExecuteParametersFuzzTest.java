package io.shardwire.protocol.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.shardwire.protocol.MalformedPacketException;
import io.shardwire.protocol.command.ComStmtExecute;
import io.shardwire.protocol.command.CommandDecoder;
import io.shardwire.protocol.testkit.Bufs;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Coverage-guided fuzzing of COM_STMT_EXECUTE (MySQL "COM_STMT_EXECUTE"): two executions of one prepared
 * statement, decoded as the server does it. The first may bind types that the second reuses (new-params-bound
 * 0), and parameters may have been sent as long data. Any packet yields parameters or
 * {@link MalformedPacketException}; parameters that were read back from the packet must survive being written
 * and read again unchanged.
 *
 * <p>Input: the parameter count, a long-data mask (bits 0-3: parameters 0-3 before the first execution, bits
 * 4-7: before the second), the length of the first execution's body, then both bodies (everything after the
 * command byte 0x17, which is added here so that no input is spent on other commands). Seeds in
 * {@code ExecuteParametersFuzzTestInputs}: the statements of {@code ExecuteParametersTest} and executions of
 * every parameter type.
 */
class ExecuteParametersFuzzTest {
    private static final int HEADER = 3;
    private static final byte[] LONG_DATA = {'l', 'o', 'n', 'g'};

    @FuzzTest(maxDuration = "12s")
    void decodesTwoExecutions(byte[] input) {
        if (input.length < HEADER) {
            return;
        }
        int count = input[0] & 0xFF;
        int longDataMask = input[1] & 0xFF;
        int split = Math.min(input.length, HEADER + (input[2] & 0xFF));
        List<ParameterType> bound = execute(Arrays.copyOfRange(input, HEADER, split), count, null, longDataMask & 0x0F);
        execute(Arrays.copyOfRange(input, split, input.length), count, bound, longDataMask >> 4);
    }

    /** One execution; returns the types bound for the next one, as PreparedStatementCommands keeps them. */
    private static List<ParameterType> execute(byte[] body, int count, List<ParameterType> bound, int longDataMask) {
        byte[] payload = new byte[body.length + 1];
        payload[0] = 0x17;
        System.arraycopy(body, 0, payload, 1, body.length);
        IntFunction<byte[]> longData = i -> i < 4 && (longDataMask & 1 << i) != 0 ? LONG_DATA : null;
        ExecuteParameters parameters;
        try {
            ComStmtExecute execute = (ComStmtExecute) Bufs.read(payload, CommandDecoder::decode);
            parameters = ExecuteParameters.parse(execute.parameters(), count, bound, longData);
        } catch (MalformedPacketException expected) {
            return bound;
        }
        assertEquals(count, parameters.values().size(), "one value per parameter");
        assertEquals(count, parameters.types().size(), "one type per parameter");
        if (longDataMask == 0 || count == 0) {
            // Long data is not in the packet, so only executions without it can be written back.
            assertEquals(parameters, writtenAndReadAgain(parameters, count, bound));
        }
        return parameters.newTypes() ? parameters.types() : bound;
    }

    private static ExecuteParameters writtenAndReadAgain(ExecuteParameters parameters, int count,
                                                         List<ParameterType> bound) {
        ByteBuf out = Unpooled.buffer();
        try {
            parameters.writeTo(out);
            return ExecuteParameters.parse(out, count, bound, i -> null);
        } finally {
            out.release();
        }
    }
}
