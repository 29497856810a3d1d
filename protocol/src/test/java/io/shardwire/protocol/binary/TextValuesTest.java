package io.shardwire.protocol.binary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.shardwire.protocol.ColumnType;
import io.shardwire.protocol.MalformedPacketException;
import io.shardwire.protocol.binary.BinaryValue.BytesValue;
import io.shardwire.protocol.binary.BinaryValue.DateTimeValue;
import io.shardwire.protocol.binary.BinaryValue.DoubleValue;
import io.shardwire.protocol.binary.BinaryValue.FloatValue;
import io.shardwire.protocol.binary.BinaryValue.IntegerValue;
import io.shardwire.protocol.binary.BinaryValue.NullValue;
import io.shardwire.protocol.binary.BinaryValue.TimeValue;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Text-protocol values, as MariaDB prints them, read as binary values of their column's type. */
class TextValuesTest {
    private static final int UNSIGNED = TextValues.UNSIGNED_FLAG;

    @ParameterizedTest(name = "{0} type {1} flags {2}")
    @CsvSource(delimiter = '|', value = {
        "-128                 | 1   | 0        | -128",
        "255                  | 1   | 32       | 255",
        "-9223372036854775808 | 8   | 0        | -9223372036854775808",
        "9223372036854775807  | 8   | 0        | 9223372036854775807",
        "18446744073709551615 | 8   | 32       | -1",
        "9223372036854775808  | 8   | 32       | -9223372036854775808",
        "0                    | 8   | 32       | 0",
        "2155                 | 13  | 96       | 2155",
        "0000                 | 13  | 96       | 0",
        "-8388608             | 9   | 0        | -8388608",
        "4294967295           | 3   | 32       | 4294967295",
    })
    void readsIntegersSignedAndUnsigned(String text, int type, int flags, long bits) {
        assertEquals(new IntegerValue(bits, (flags & UNSIGNED) != 0), TextValues.toBinary(ascii(text), type, flags));
    }

    @Test
    void readsFloatingPointToTheSameBits() {
        assertEquals(new FloatValue(0.1f), TextValues.toBinary(ascii("0.1"), ColumnType.FLOAT, 0));
        assertEquals(new FloatValue(3.40282e38f), TextValues.toBinary(ascii("3.40282e38"), ColumnType.FLOAT, 0));
        assertEquals(new DoubleValue(-1.7976931348623157e308),
                TextValues.toBinary(ascii("-1.7976931348623157e308"), ColumnType.DOUBLE, 0));
        assertEquals(new DoubleValue(2.2250738585072014E-308),
                TextValues.toBinary(ascii("2.2250738585072014e-308"), ColumnType.DOUBLE, 0));
        assertEquals(new DoubleValue(0.1), TextValues.toBinary(ascii("0.1"), ColumnType.DOUBLE, 0));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "0000-00-00                 | 10 | 0    | 0  | 0  | 0  | 0  | 0  | 0",
        "2024-02-29                 | 10 | 2024 | 2  | 29 | 0  | 0  | 0  | 0",
        "0000-00-00 00:00:00        | 12 | 0    | 0  | 0  | 0  | 0  | 0  | 0",
        "9999-12-31 23:59:59.999999 | 12 | 9999 | 12 | 31 | 23 | 59 | 59 | 999999",
        "2024-01-02 03:04:05.1      | 12 | 2024 | 1  | 2  | 3  | 4  | 5  | 100000",
        "2024-01-02 03:04:05.000120 | 7  | 2024 | 1  | 2  | 3  | 4  | 5  | 120",
        "1970-01-01 00:00:01        | 7  | 1970 | 1  | 1  | 0  | 0  | 1  | 0",
    })
    void readsDatesAndDateTimes(String text, int type, int y, int mo, int d, int h, int mi, int s, int us) {
        assertEquals(new DateTimeValue(y, mo, d, h, mi, s, us), TextValues.toBinary(ascii(text), type, 0));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "00:00:00          | false | 0  | 0  | 0  | 0  | 0",
        "-838:59:59        | true  | 34 | 22 | 59 | 59 | 0",
        "838:59:59.999999  | false | 34 | 22 | 59 | 59 | 999999",
        "-00:00:00.5       | true  | 0  | 0  | 0  | 0  | 500000",
        "24:00:00          | false | 1  | 0  | 0  | 0  | 0",
        "-01:02:03.000004  | true  | 0  | 1  | 2  | 3  | 4",
    })
    void readsTimesWithDaysAndSign(String text, boolean negative, int days, int h, int m, int s, int us) {
        assertEquals(new TimeValue(negative, days, h, m, s, us), TextValues.toBinary(ascii(text), ColumnType.TIME, 0));
    }

    @Test
    void keepsEverythingElseAsBytes() {
        byte[] utf8 = "€ and 'x'".getBytes(StandardCharsets.UTF_8);
        for (int type : new int[] {ColumnType.NEWDECIMAL, ColumnType.VAR_STRING, ColumnType.BLOB, ColumnType.JSON,
                ColumnType.BIT, ColumnType.GEOMETRY, ColumnType.ENUM, ColumnType.SET, ColumnType.STRING}) {
            assertEquals(new BytesValue(utf8), TextValues.toBinary(utf8, type, 0));
        }
        assertEquals(new NullValue(), TextValues.toBinary(new byte[0], ColumnType.NULL, 0));
    }

    @ParameterizedTest(name = "\"{0}\" as type {1}")
    @CsvSource(delimiter = '|', value = {
        "''          | 3", "'-'  | 3", "1.5 | 3", "12a | 8", "' 1' | 1",
        "2024-1-02   | 10", "2024-01-02T03:04:05 | 12", "2024-01-02 03:04 | 12", "2024-01-02 03:04:05.1234567 | 12",
        "12:3:04     | 11", "12:30 | 11", "-:00:00 | 11", "12:30:00. | 11",
    })
    void refusesTextThatIsNotTheColumnTypesForm(String text, int type) {
        assertThrows(MalformedPacketException.class, () -> TextValues.toBinary(ascii(text), type, 0));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
