package io.shardwire.protocol.binary;

import static io.shardwire.protocol.testkit.Fixture.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.shardwire.protocol.ColumnType;
import io.shardwire.protocol.MalformedPacketException;
import io.shardwire.protocol.Packet;
import io.shardwire.protocol.PacketDecoder;
import io.shardwire.protocol.binary.BinaryValue.BytesValue;
import io.shardwire.protocol.binary.BinaryValue.DateTimeValue;
import io.shardwire.protocol.binary.BinaryValue.DoubleValue;
import io.shardwire.protocol.binary.BinaryValue.IntegerValue;
import io.shardwire.protocol.binary.BinaryValue.NullValue;
import io.shardwire.protocol.binary.BinaryValue.TimeValue;
import io.shardwire.protocol.command.ComStmtExecute;
import io.shardwire.protocol.command.CommandDecoder;
import io.shardwire.protocol.testkit.Bufs;
import io.shardwire.protocol.testkit.LeakCheck;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The parameter part of COM_STMT_EXECUTE (MySQL "COM_STMT_EXECUTE"). */
@ExtendWith(LeakCheck.class)
class ExecuteParametersTest {
    private static final IntFunction<byte[]> NO_LONG_DATA = i -> null;
    private static final ParameterType LONGLONG = new ParameterType(ColumnType.LONGLONG, false);
    private static final ParameterType VAR_STRING = new ParameterType(ColumnType.VAR_STRING, false);

    /**
     * A COM_STMT_EXECUTE of {@code SELECT ?, ?, ?} with 42, NULL and "ab", laid out by hand from the
     * documentation: statement id 1, no cursor, one iteration, bitmap 0b010, new-params-bound 1, the types
     * LONGLONG, NULL, VAR_STRING, then the values of parameters 1 and 3.
     */
    private static final String EXECUTE = "17" + "01000000" + "00" + "01000000"
            + "02" + "01" + "0800" + "0600" + "fd00" + "2a00000000000000" + "026162";

    @Test
    void readsTypesNullsAndValues() {
        ComStmtExecute execute = (ComStmtExecute) Bufs.read(hex(EXECUTE), CommandDecoder::decode);
        assertEquals(1, execute.statementId());
        assertEquals(0, execute.flags());
        assertFalse(execute.cursorRequested());
        assertEquals(1, execute.iterationCount());
        ExecuteParameters params = ExecuteParameters.parse(execute.parameters(), 3, null, NO_LONG_DATA);
        assertTrue(params.newTypes());
        assertEquals(List.of(LONGLONG, new ParameterType(ColumnType.NULL, false), VAR_STRING), params.types());
        assertEquals(List.of(new IntegerValue(42, false), new NullValue(), bytes("ab")), params.values());
    }

    @Test
    void reusesTheTypesOfAnEarlierExecutionWhenNewParamsBoundIsZero() {
        List<ParameterType> earlier = List.of(LONGLONG, VAR_STRING);
        ExecuteParameters params = ExecuteParameters.parse(hex("00" + "00" + "0700000000000000" + "0178"), 2, earlier,
                NO_LONG_DATA);
        assertFalse(params.newTypes());
        assertEquals(earlier, params.types());
        assertEquals(List.of(new IntegerValue(7, false), bytes("x")), params.values());
    }

    @Test
    void refusesAValueWithoutATypeWhenNoTypesWereEverSent() {
        assertThrows(MalformedPacketException.class,
                () -> ExecuteParameters.parse(hex("00" + "00" + "0700000000000000"), 1, null, NO_LONG_DATA));
        // types remembered for another parameter count cannot apply either
        assertThrows(MalformedPacketException.class,
                () -> ExecuteParameters.parse(hex("00" + "00" + "0700000000000000"), 1, List.of(LONGLONG, LONGLONG),
                        NO_LONG_DATA));
    }

    /** Connector/J executes a statement whose parameters are all setNull without ever sending types; mysqld accepts it. */
    @Test
    void acceptsNoTypesAtAllWhenEveryValueIsNullOrLongData() {
        ExecuteParameters params = ExecuteParameters.parse(hex("03" + "00"), 3, null,
                i -> i == 2 ? new byte[] {1} : null);
        assertFalse(params.newTypes());
        assertEquals(List.of(new NullValue(), new NullValue(), new BytesValue(new byte[] {1})), params.values());
    }

    @Test
    void aStatementWithoutParametersHasNoBitmapAndNoFlag() {
        ExecuteParameters params = ExecuteParameters.parse(new byte[0], 0, null, NO_LONG_DATA);
        assertEquals(List.of(), params.values());
    }

    /** NULL bitmaps of every interesting size: one byte per 8 parameters, bit i for parameter i. */
    @ParameterizedTest(name = "{0} parameters")
    @ValueSource(ints = {1, 7, 8, 9, 15, 16, 17, 64, 65})
    void nullBitmapsOfEverySize(int count) {
        Random random = new Random(count);
        List<ParameterType> types = new ArrayList<>();
        List<BinaryValue> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            types.add(LONGLONG);
            values.add(random.nextBoolean() ? new NullValue() : new IntegerValue(random.nextLong(), false));
        }
        values.set(count - 1, new NullValue());   // the last bit of the bitmap
        ExecuteParameters sent = new ExecuteParameters(types, true, values);
        byte[] wire = Bufs.write(sent::writeTo);
        int nonNull = (int) values.stream().filter(v -> !(v instanceof NullValue)).count();
        assertEquals((count + 7) / 8 + 1 + 2 * count + 8 * nonNull, wire.length, "bitmap, flag, types, values");
        assertEquals(sent, ExecuteParameters.parse(wire, count, null, NO_LONG_DATA));
        // the bitmap bit of the last parameter, by hand
        assertTrue((wire[(count - 1) / 8] & (1 << ((count - 1) % 8))) != 0);
    }

    @Test
    void longDataReplacesTheInlineValueAndItsNullBit() {
        // parameter 0 came by COM_STMT_SEND_LONG_DATA: the packet has neither a value nor a meaningful NULL bit for it
        byte[] wire = hex("01" + "01" + "fc00" + "0800" + "0500000000000000");
        ExecuteParameters params = ExecuteParameters.parse(wire, 2, null,
                i -> i == 0 ? "long".getBytes(StandardCharsets.US_ASCII) : null);
        assertEquals(List.of(bytes("long"), new IntegerValue(5, false)), params.values());
    }

    @Test
    void readsEveryValueTypeInOnePacket() {
        List<ParameterType> types = List.of(new ParameterType(ColumnType.TINY, true), new ParameterType(ColumnType.SHORT, false),
                new ParameterType(ColumnType.LONG, false), new ParameterType(ColumnType.LONGLONG, true),
                new ParameterType(ColumnType.FLOAT, false), new ParameterType(ColumnType.DOUBLE, false),
                new ParameterType(ColumnType.NEWDECIMAL, false), new ParameterType(ColumnType.DATE, false),
                new ParameterType(ColumnType.DATETIME, false), new ParameterType(ColumnType.TIMESTAMP, false),
                new ParameterType(ColumnType.TIME, false), new ParameterType(ColumnType.BLOB, false),
                new ParameterType(ColumnType.YEAR, false), new ParameterType(ColumnType.JSON, false));
        List<BinaryValue> values = List.of(new IntegerValue(200, true), new IntegerValue(-2, false),
                new IntegerValue(-3, false), new IntegerValue(-1, true), new BinaryValue.FloatValue(2.5f),
                new DoubleValue(-0.0), bytes("1.10"), new DateTimeValue(2000, 1, 1, 0, 0, 0, 0),
                new DateTimeValue(2000, 1, 1, 1, 2, 3, 4), new DateTimeValue(0, 0, 0, 0, 0, 0, 0),
                new TimeValue(true, 1, 2, 3, 4, 5), new BytesValue(new byte[] {0, 1, 2}), new IntegerValue(1901, false),
                bytes("[]"));
        ExecuteParameters sent = new ExecuteParameters(types, true, values);
        assertEquals(sent, ExecuteParameters.parse(Bufs.write(sent::writeTo), types.size(), null, NO_LONG_DATA));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {
        "",                              // no bitmap
        "00",                            // bitmap but no new-params-bound flag
        "0001",                          // types announced, none there
        "000108",                        // half a type
        "00010800",                      // a type but no value
        "000108002a000000",              // a LONGLONG cut to 4 bytes
        "00014200",                      // type 0x42 is no MySQL type
        "000107000b",                    // TIMESTAMP with length 11 but nothing after it
    })
    void refusesMalformedParameters(String hexBody) {
        assertThrows(MalformedPacketException.class,
                () -> ExecuteParameters.parse(hex(hexBody), 1, null, NO_LONG_DATA));
    }

    /** The whole packet, header included, fed to the frame decoder one byte at a time, then decoded. */
    @Test
    void decodesAnExecutePacketFedByteByByte() {
        byte[] payload = hex(EXECUTE);
        byte[] wire = new byte[4 + payload.length];
        wire[0] = (byte) payload.length;
        System.arraycopy(payload, 0, wire, 4, payload.length);
        EmbeddedChannel channel = new EmbeddedChannel(new PacketDecoder(1 << 24));
        for (byte b : wire) {
            assertNull(channel.readInbound(), "a packet before its last byte arrived");
            channel.writeInbound(Bufs.of(new byte[] {b}));
        }
        Packet packet = channel.readInbound();
        try {
            ComStmtExecute execute = assertInstanceOf(ComStmtExecute.class, CommandDecoder.decode(packet.payload()));
            ExecuteParameters params = ExecuteParameters.parse(execute.parameters(), 3, null, NO_LONG_DATA);
            assertEquals(new IntegerValue(42, false), params.values().get(0));
            assertArrayEquals("ab".getBytes(StandardCharsets.US_ASCII), ((BytesValue) params.values().get(2)).bytes());
        } finally {
            packet.release();
        }
        assertNull(channel.readInbound());
        assertFalse(channel.finish());
    }

    @Test
    void parsesFromABufferWithoutMovingPastTheParameters() {
        ByteBuf in = Bufs.of(hex("00" + "01" + "0800" + "0100000000000000" + "ff"));
        try {
            ExecuteParameters.parse(in, 1, null, NO_LONG_DATA);
            assertEquals(1, in.readableBytes(), "trailing bytes are left for the caller");
        } finally {
            in.release();
        }
    }

    private static BytesValue bytes(String s) {
        return new BytesValue(s.getBytes(StandardCharsets.UTF_8));
    }
}
