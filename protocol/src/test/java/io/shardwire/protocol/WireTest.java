package io.shardwire.protocol;

import static io.shardwire.protocol.testkit.Fixture.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.shardwire.protocol.testkit.Bufs;
import io.shardwire.protocol.testkit.LeakCheck;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Length-encoded integers and strings, NUL-terminated strings (MySQL "Protocol Basics"). */
@ExtendWith(LeakCheck.class)
class WireTest {

    /** Each boundary on both sides: the encoding switches at 251, 2^16 and 2^24. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0,                    00",
        "1,                    01",
        "250,                  fa",
        "251,                  fcfb00",
        "252,                  fcfc00",
        "65535,                fcffff",
        "65536,                fd000001",
        "16777215,             fdffffff",
        "16777216,             fe0000000100000000",
        "4294967296,           fe0000000001000000",
        "9223372036854775807,  feffffffffffffff7f",
    })
    void writesAndReadsLenencIntegers(long value, String wire) {
        assertEquals(wire, hex(Bufs.write(out -> Wire.writeLenencInt(out, value))));
        assertEquals(wire.length() / 2, Wire.lenencIntSize(value));
        assertEquals(value, readFully(wire, Wire::readLenencInt));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        // Negative values have no short form; they go out as the 8-byte two's complement.
        "-1,                   feffffffffffffffff",
        "-251,                 fe05ffffffffffffff",
        "-9223372036854775808, fe0000000000000080",
    })
    void writesNegativeValuesAsEightBytes(long value, String wire) {
        assertEquals(wire, hex(Bufs.write(out -> Wire.writeLenencInt(out, value))));
        assertEquals(9, Wire.lenencIntSize(value));
        assertEquals(value, readFully(wire, Wire::readLenencInt), "the documented reading: above 2^63 is negative");
    }

    @Test
    void readsTheNullMarkerAsMinusOneAndAsANullString() {
        assertEquals(-1, readFully("fb", Wire::readLenencInt));
        assertNull(readFully("fb", Wire::readLenencBytes));
        assertNull(readFully("fb", Wire::readLenencString));
    }

    @Test
    void writesAndReadsLenencStrings() {
        assertEquals("00", hex(Bufs.write(out -> Wire.writeLenencString(out, ""))));
        assertEquals("0362c3a9", hex(Bufs.write(out -> Wire.writeLenencString(out, "bé"))), "length in bytes, UTF-8");
        assertEquals("bé", readFully("0362c3a9", Wire::readLenencString));
        String s251 = "x".repeat(251);
        byte[] wire = Bufs.write(out -> Wire.writeLenencString(out, s251));
        assertEquals("fcfb00", hex(wire).substring(0, 6));
        assertEquals(s251, readFully(hex(wire), Wire::readLenencString));
        assertArrayEquals(new byte[] {0, (byte) 0xff}, readFully("0200ff", Wire::readLenencBytes));
    }

    @Test
    void writesAndReadsNulStrings() {
        assertEquals("666f6f00", hex(Bufs.write(out -> Wire.writeNulString(out, "foo"))));
        assertEquals("", readFully("00", Wire::readNulString));
        assertEquals("fx", Bufs.read(hex("66780061"), in -> {
            String s = Wire.readNulString(in);
            assertEquals(1, in.readableBytes(), "stops right after the NUL");
            return s;
        }));
    }

    /** Every way a read can run past the payload; each must be a protocol error, not an index error. */
    @ParameterizedTest(name = "readLenencInt({0})")
    @ValueSource(strings = {"", "fc", "fc01", "fd", "fd0102", "fe", "fe01020304050607", "ff"})
    void truncatedOrInvalidLenencIntegersAreMalformed(String wire) {
        assertThrows(MalformedPacketException.class, () -> Bufs.read(hex(wire), Wire::readLenencInt));
    }

    @ParameterizedTest(name = "readLenencBytes({0})")
    @ValueSource(strings = {
        "", "01", "0561626364", "fc0001", "fd000001" + "00", "ff",
        "fe0000000001000000",   // 2^32 bytes announced: more than any ByteBuf can hold
        "feffffffffffffffff",   // above 2^63: negative as a long, but not NULL (only 0xFB is)
        "fe0000000000000080",
    })
    void truncatedOrInvalidLenencStringsAreMalformed(String wire) {
        assertThrows(MalformedPacketException.class, () -> Bufs.read(hex(wire), Wire::readLenencBytes));
        assertThrows(MalformedPacketException.class, () -> Bufs.read(hex(wire), Wire::readLenencString));
    }

    @ParameterizedTest(name = "readNulString({0})")
    @ValueSource(strings = {"", "61", "616263"})
    void missingNulTerminatorIsMalformed(String wire) {
        MalformedPacketException e = assertThrows(MalformedPacketException.class,
                () -> Bufs.read(hex(wire), Wire::readNulString));
        assertEquals("NUL-terminated string: no terminator in the " + wire.length() / 2 + " remaining bytes",
                e.getMessage());
    }

    @Test
    void needRejectsNegativeLengthsInsteadOfPassingThemOn() {
        // -1 is what readLenencInt returns for 0xFB; readSlice(-1) would throw IllegalArgumentException.
        assertThrows(MalformedPacketException.class, () -> Bufs.read(hex("0102"), in -> {
            Wire.need(in, -1, "connection attributes");
            return null;
        }));
    }

    @Test
    void readsTheRestOfThePayload() {
        assertEquals("héllo", readFully("68c3a96c6c6f", in -> Wire.readRestString(in, StandardCharsets.UTF_8)));
        assertArrayEquals(new byte[0], readFully("", Wire::readRestBytes));
    }

    /** Reads from {@code wire} and checks that the reader consumed every byte. */
    private static <T> T readFully(String wire, Function<ByteBuf, T> reader) {
        return Bufs.read(hex(wire), in -> {
            T value = reader.apply(in);
            assertEquals(0, in.readableBytes(), "bytes left after reading " + wire);
            return value;
        });
    }
}
