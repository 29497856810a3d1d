package io.shardwire.server.prepared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.shardwire.protocol.ColumnType;
import io.shardwire.protocol.binary.BinaryValue;
import io.shardwire.protocol.binary.BinaryValue.BytesValue;
import io.shardwire.protocol.binary.BinaryValue.DateTimeValue;
import io.shardwire.protocol.binary.BinaryValue.DoubleValue;
import io.shardwire.protocol.binary.BinaryValue.FloatValue;
import io.shardwire.protocol.binary.BinaryValue.IntegerValue;
import io.shardwire.protocol.binary.BinaryValue.NullValue;
import io.shardwire.protocol.binary.BinaryValue.TimeValue;
import io.shardwire.protocol.binary.ParameterType;
import io.shardwire.server.error.ProxyException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Binary parameters as the SQL literals that mean the same to MySQL. */
class ParameterLiteralsTest {
    private static final Charset UTF8 = StandardCharsets.UTF_8;

    @Test
    void numbers() {
        assertEquals("NULL", render(new NullValue(), ColumnType.NULL));
        assertEquals("-128", render(new IntegerValue(-128, false), ColumnType.TINY));
        assertEquals("18446744073709551615", render(new IntegerValue(-1, true), ColumnType.LONGLONG));
        assertEquals("-9223372036854775808", render(new IntegerValue(Long.MIN_VALUE, false), ColumnType.LONGLONG));
        // always with an exponent: 0.1 alone would be an exact DECIMAL literal
        assertEquals("0.1E0", render(new DoubleValue(0.1), ColumnType.DOUBLE));
        assertEquals("1.7976931348623157E308", render(new DoubleValue(Double.MAX_VALUE), ColumnType.DOUBLE));
        assertEquals("-0.0E0", render(new DoubleValue(-0.0), ColumnType.DOUBLE));
        // a FLOAT widened to double exactly, as MySQL does
        assertEquals("0.10000000149011612E0", render(new FloatValue(0.1f), ColumnType.FLOAT));
        assertEquals("-12.50", render(bytes("-12.50"), ColumnType.NEWDECIMAL));
        assertEquals("'1; DROP TABLE t'", render(bytes("1; DROP TABLE t"), ColumnType.NEWDECIMAL));
        assertThrows(ProxyException.class, () -> render(new DoubleValue(Double.NaN), ColumnType.DOUBLE));
    }

    @Test
    void temporalValuesAreTypedLiterals() {
        assertEquals("DATE'2024-02-29'", render(new DateTimeValue(2024, 2, 29, 0, 0, 0, 0), ColumnType.DATE));
        assertEquals("TIMESTAMP'2024-02-29 00:00:00'", render(new DateTimeValue(2024, 2, 29, 0, 0, 0, 0), ColumnType.DATETIME));
        assertEquals("TIMESTAMP'0001-01-01 01:02:03.000004'",
                render(new DateTimeValue(1, 1, 1, 1, 2, 3, 4), ColumnType.TIMESTAMP));
        assertEquals("'0000-00-00'", render(new DateTimeValue(0, 0, 0, 0, 0, 0, 0), ColumnType.DATE));
        assertEquals("'0000-00-00 00:00:00'", render(new DateTimeValue(0, 0, 0, 0, 0, 0, 0), ColumnType.DATETIME));
        assertEquals("TIME'-838:59:59'", render(new TimeValue(true, 34, 22, 59, 59, 0), ColumnType.TIME));
        assertEquals("TIME'49:00:00.000005'", render(new TimeValue(false, 2, 1, 0, 0, 5), ColumnType.TIME));
        assertEquals("TIME'00:00:00'", render(new TimeValue(false, 0, 0, 0, 0, 0), ColumnType.TIME));
    }

    /** The values MariaDB makes of out-of-range fields (MariaDB Connector/J's negative durations). */
    @Test
    void timeFieldsOutOfRangeAsMariaDbReadsThem() {
        // -25 h sent as days -1, hour -1: MariaDB adds them in unsigned arithmetic
        assertEquals("TIME'-231:00:00'", render(new TimeValue(true, -1, 255, 0, 0, 0), ColumnType.TIME));
        assertEquals("TIME'-838:59:59'", render(new TimeValue(true, -1, 0, 0, 0, 0), ColumnType.TIME));
        assertEquals("TIME'838:59:59'", render(new TimeValue(false, 35, 0, 0, 0, 0), ColumnType.TIME));
        assertEquals("TIME'00:00:00'", render(new TimeValue(true, 0, 0, 255, 0, 0), ColumnType.TIME));
        assertEquals("TIME'00:00:00.000000'", render(new TimeValue(true, 0, 0, 0, 0, -500_000), ColumnType.TIME));
    }

    @Test
    void textIsQuotedForTheSessionsSqlMode() {
        assertEquals("'it''s'", render(bytes("it's"), ColumnType.VAR_STRING));
        assertEquals("'a\\\\b'", render(bytes("a\\b"), ColumnType.STRING));
        assertEquals("'a\\b'", ParameterLiterals.render(bytes("a\\b"), new ParameterType(ColumnType.STRING, false), UTF8, true));
        assertEquals("'😀\0'", render(bytes("😀\0"), ColumnType.VARCHAR));
        assertEquals("'é'", ParameterLiterals.render(new BytesValue(new byte[] {(byte) 0xE9}),
                new ParameterType(ColumnType.VAR_STRING, false), Charset.forName("windows-1252"), false));
    }

    @Test
    void binaryValuesAreHex() {
        assertEquals("X'00ff27'", render(new BytesValue(new byte[] {0, -1, '\''}), ColumnType.BLOB));
        assertEquals("X''", render(new BytesValue(new byte[0]), ColumnType.LONG_BLOB));
        assertEquals("X'0102'", render(new BytesValue(new byte[] {1, 2}), ColumnType.BIT));
        // text type, but not valid UTF-8: the bytes must arrive unchanged
        assertEquals("X'c3'", render(new BytesValue(new byte[] {(byte) 0xC3}), ColumnType.VAR_STRING));
        // the binary character set: every byte decodes, none of them is text
        assertEquals("X'41'", ParameterLiterals.render(bytes("A"), new ParameterType(ColumnType.VAR_STRING, false),
                StandardCharsets.ISO_8859_1, false));
    }

    private static String render(BinaryValue value, int type) {
        return ParameterLiterals.render(value, new ParameterType(type, false), UTF8, false);
    }

    private static BytesValue bytes(String s) {
        return new BytesValue(s.getBytes(UTF8));
    }
}
