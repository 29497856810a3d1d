package io.shardwire.protocol.packet;

import static io.shardwire.protocol.testkit.Fixture.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.shardwire.protocol.ColumnType;
import io.shardwire.protocol.MalformedPacketException;
import io.shardwire.protocol.testkit.Bufs;
import io.shardwire.protocol.testkit.LeakCheck;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Binary result rows made from text-protocol values (MySQL "Binary Protocol Resultset Row"). */
@ExtendWith(LeakCheck.class)
class BinaryRowTest {
    private static final int UNSIGNED = 0x20;

    @Test
    void convertsEachColumnByItsType() {
        List<ColumnDefinition> columns = List.of(column(ColumnType.LONG, 0), column(ColumnType.VAR_STRING, 0),
                column(ColumnType.LONGLONG, UNSIGNED), column(ColumnType.DATETIME, 0), column(ColumnType.TIME, 0),
                column(ColumnType.NEWDECIMAL, 0), column(ColumnType.DOUBLE, 0), column(ColumnType.DATE, 0),
                column(ColumnType.YEAR, UNSIGNED), column(ColumnType.TINY, 0));
        byte[][] text = {ascii("-2"), null, ascii("18446744073709551615"), ascii("2024-01-02 03:04:05.000006"),
            ascii("-25:00:00"), ascii("3.14"), ascii("0.5"), ascii("0000-00-00"), ascii("2024"), null};
        String expected = "00"
                + "08" + "08"            // bitmap: column 1 -> bit 3 of byte 0; column 9 -> bit 11 = bit 3 of byte 1
                + "feffffff"                                   // LONG -2
                + "ffffffffffffffff"                           // BIGINT UNSIGNED max
                + "0be807010203040506000000"                   // DATETIME with microseconds
                + "08" + "01" + "01000000" + "010000"          // TIME -1 day 1 hour
                + "04332e3134"                                 // DECIMAL as a length-encoded string
                + "000000000000e03f"                           // DOUBLE 0.5
                + "00"                                         // zero DATE: length 0
                + "e807";                                      // YEAR as a 2-byte integer
        assertEquals(expected, HexFormat.of().formatHex(Bufs.write(out -> BinaryRow.writeTo(out, columns, text))));
    }

    /** The bitmap has (n + 7 + 2) / 8 bytes and column i is bit i + 2. */
    @ParameterizedTest(name = "{0} columns")
    @ValueSource(ints = {1, 5, 6, 7, 8, 14, 15, 16, 64})
    void nullBitmapStartsAtBitTwo(int count) {
        List<ColumnDefinition> columns = new ArrayList<>();
        byte[][] values = new byte[count][];
        for (int i = 0; i < count; i++) {
            columns.add(column(ColumnType.VAR_STRING, 0));
        }
        byte[] row = Bufs.write(out -> BinaryRow.writeTo(out, columns, values));
        int bitmapBytes = (count + 9) / 8;
        assertEquals(1 + bitmapBytes, row.length, "header and bitmap only: every value is NULL");
        for (int i = 0; i < count; i++) {
            int bit = i + 2;
            assertEquals(1, (row[1 + bit / 8] >> (bit % 8)) & 1, "column " + i);
        }
        assertEquals(0, row[1] & 0b11, "the two reserved bits stay clear");
    }

    @Test
    void aNullColumnTypeIsAlwaysNull() {
        byte[] row = Bufs.write(out -> BinaryRow.writeTo(out, List.of(column(ColumnType.NULL, 0)), new byte[][] {ascii("")}));
        assertArrayEquals(hex("0004"), row);
    }

    @Test
    void refusesTextThatDoesNotFitTheColumnType() {
        assertThrows(MalformedPacketException.class, () -> Bufs.write(out ->
                BinaryRow.writeTo(out, List.of(column(ColumnType.LONG, 0)), new byte[][] {ascii("x")})));
        assertThrows(IllegalArgumentException.class, () -> Bufs.write(out ->
                BinaryRow.writeTo(out, List.of(column(ColumnType.LONG, 0)), new byte[0][])));
    }

    @Test
    void textAndBinaryEncodersShareOneInterface() {
        List<ColumnDefinition> columns = List.of(column(ColumnType.LONG, 0));
        byte[][] values = {ascii("7")};
        assertArrayEquals(hex("0137"), Bufs.write(out -> RowEncoder.TEXT.encode(out, columns, values)));
        assertArrayEquals(hex("000007000000"), Bufs.write(out -> RowEncoder.BINARY.encode(out, columns, values)));
    }

    @Test
    void prepareOkLayout() {
        // status, id 0x01020304, 2 columns, 3 parameters, reserved, 1 warning
        assertArrayEquals(hex("00" + "04030201" + "0200" + "0300" + "00" + "0100"),
                Bufs.write(new StmtPrepareOk(0x01020304L, 2, 3, 1)::writeTo));
        // the parameter definition: catalog "def", name "?", binary collation, type NULL, BINARY flag
        assertArrayEquals(hex("03646566" + "00" + "00" + "00" + "013f" + "00" + "0c" + "3f00" + "00000000" + "06" + "8000"
                + "00" + "0000"), Bufs.write(StmtPrepareOk.PARAMETER::writeTo));
    }

    private static ColumnDefinition column(int type, int flags) {
        return new ColumnDefinition("db", "t", "t", "c", "c", 63, 20, type, flags, 0);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
