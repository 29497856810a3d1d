package io.shardwire.it.prepared;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A table with a column of every MariaDB type and rows of edge values (minimums, maximums, fractions, every
 * byte, quotes and backslashes, 4-byte UTF-8, NULL), written with server-side prepared statements whose
 * parameters are Java objects bound with {@code setObject}: every binary parameter type a driver sends.
 */
final class TypedRows {
    /** A column: its definition, the SQL that binds its parameter, and one value per row (null = SQL NULL). */
    record Column(String name, String definition, String bind, List<Object> values) {
        Column(String name, String definition, Object... values) {
            this(name, definition, "?", Arrays.asList(values));
        }
    }

    static final int ROWS = 5;

    private static final byte[] EVERY_BYTE = new byte[256];

    static {
        for (int i = 0; i < 256; i++) {
            EVERY_BYTE[i] = (byte) i;
        }
    }

    static final List<Column> COLUMNS = List.of(
            new Column("ti", "TINYINT", -128, 127, 0, 5, null),
            new Column("tiu", "TINYINT UNSIGNED", 0, 255, 1, 128, null),
            new Column("si", "SMALLINT", (short) -32768, (short) 32767, (short) 0, (short) -1, null),
            new Column("siu", "SMALLINT UNSIGNED", 0, 65535, 1, 32768, null),
            new Column("mi", "MEDIUMINT", -8388608, 8388607, 0, -1, null),
            new Column("miu", "MEDIUMINT UNSIGNED", 0, 16777215, 1, 8388608, null),
            new Column("i", "INT", Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1, null),
            new Column("iu", "INT UNSIGNED", 0L, 4294967295L, 1L, 2147483648L, null),
            new Column("bi", "BIGINT", Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L, null),
            // Connector/J binds a BigInteger as a signed LONGLONG (2^64 - 1 arrives as -1): strings reach the top
            new Column("biu", "BIGINT UNSIGNED", BigInteger.ZERO, "18446744073709551615", "9223372036854775808",
                    BigInteger.ONE, null),
            // MariaDB prints FLOAT with 6 significant digits, and the proxy's binary rows are made from that text:
            // values of up to 6 digits come back exact (README, Limitations)
            new Column("f", "FLOAT", -3.40282e38f, 3.40282e38f, 0.1f, 1.17549e-38f, null),
            new Column("d", "DOUBLE", -1.7976931348623157e308, 2.2250738585072014E-308, 0.1, 1e-300, null),
            new Column("dec65", "DECIMAL(65,30)",
                    new BigDecimal("-99999999999999999999999999999999999.999999999999999999999999999999"),
                    new BigDecimal("99999999999999999999999999999999999.999999999999999999999999999999"),
                    new BigDecimal("0.000000000000000000000000000001"), new BigDecimal("123.45"), null),
            new Column("dec5", "DECIMAL(5,2) UNSIGNED", new BigDecimal("0.00"), new BigDecimal("999.99"),
                    new BigDecimal("1.5"), new BigDecimal("0.01"), null),
            new Column("b1", "BIT(1)", 0, 1, 1, 0, null),
            new Column("b64", "BIT(64)", new byte[8], new byte[] {-1, -1, -1, -1, -1, -1, -1, -1},
                    new byte[] {0, 0, 0, 0, 0, 0, 1, 0}, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}, null),
            new Column("dt", "DATE", LocalDate.of(1000, 1, 1), LocalDate.of(9999, 12, 31), LocalDate.of(2024, 2, 29),
                    LocalDate.of(1970, 1, 1), null),
            new Column("tm", "TIME", "-838:59:59", "838:59:59", LocalTime.of(0, 0), LocalTime.of(23, 59, 59), null),
            new Column("tm6", "TIME(6)", "-838:59:59.000000", "838:59:59.999999", LocalTime.of(1, 2, 3, 4000),
                    "-00:00:00.5", null),
            new Column("dtm", "DATETIME", LocalDateTime.of(1000, 1, 1, 0, 0), LocalDateTime.of(9999, 12, 31, 23, 59, 59),
                    LocalDateTime.of(2024, 2, 29, 12, 0), LocalDateTime.of(1970, 1, 1, 0, 0, 1), null),
            new Column("dtm6", "DATETIME(6)", LocalDateTime.of(1000, 1, 1, 0, 0, 0, 1000),
                    LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000), LocalDateTime.of(2024, 1, 2, 3, 4, 5, 6000),
                    LocalDateTime.of(2000, 1, 1, 0, 0), null),
            new Column("ts6", "TIMESTAMP(6) NULL", LocalDateTime.of(2001, 2, 3, 4, 5, 6, 123_456_000),
                    LocalDateTime.of(2030, 1, 1, 0, 0), LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_000),
                    LocalDateTime.of(2024, 6, 30, 12, 30, 0, 1000), null),
            new Column("yr", "YEAR", 1901, 2155, 0, 2024, null),
            new Column("ch", "CHAR(10)", "", "abc", "ünï", "it's", null),
            new Column("vc", "VARCHAR(100)", "back\\slash", "emoji 😀", "nul\0byte", "quote\"dq'sq", null),
            new Column("tx", "TEXT", "line\nbreak\r\ttab", "x".repeat(1000), "\\'", "% _ wildcards", null),
            new Column("latin", "VARCHAR(50) CHARACTER SET latin1", "café", "naïve", "", "x", null),
            new Column("bincoll", "VARCHAR(20) COLLATE utf8mb4_bin", "B", "b", "Ä", "ä", null),
            new Column("bn", "BINARY(4)", new byte[] {0, 1, 2, 3}, new byte[] {-1, -1, -1, -1}, new byte[] {'\'', '\\', 0, 'x'},
                    new byte[0], null),
            new Column("vbn", "VARBINARY(300)", EVERY_BYTE, new byte[0], new byte[] {(byte) 0xC3}, new byte[] {'a'}, null),
            new Column("bl", "BLOB", EVERY_BYTE, new byte[] {0}, new byte[] {(byte) 0xF0, (byte) 0x9F}, new byte[0], null),
            new Column("lbl", "LONGBLOB", new byte[70000], EVERY_BYTE, new byte[] {1}, new byte[0], null),
            new Column("en", "ENUM('a','b','c')", "a", "c", "b", "a", null),
            new Column("st", "SET('x','y','z')", "", "x,y,z", "x,z", "y", null),
            new Column("js", "JSON", "{\"a\": [1, 2.5, \"x\"]}", "[]", "null", "\"\\u00e9\"", null),
            new Column("pt", "POINT", "ST_PointFromText(?)", Arrays.asList("POINT(1 2)", "POINT(-1.5 1e10)",
                    "POINT(0 0)", "POINT(3 4)", null)));

    private TypedRows() {
    }

    static String createTable(String table) {
        return "CREATE TABLE " + table + " (id INT PRIMARY KEY, "
                + COLUMNS.stream().map(c -> c.name() + " " + c.definition()).collect(Collectors.joining(", ")) + ")";
    }

    static String insert(String table) {
        return "INSERT INTO " + table + " (id, " + COLUMNS.stream().map(Column::name).collect(Collectors.joining(", "))
                + ") VALUES (?, " + COLUMNS.stream().map(Column::bind).collect(Collectors.joining(", ")) + ")";
    }

    /**
     * Creates {@code table} and writes every row with one server-side prepared statement, re-executed per row.
     *
     * @return per row what happened: the update count, or the error a driver reported
     */
    static List<String> write(Connection connection, String table) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
            s.execute(createTable(table));
        }
        List<String> outcomes = new ArrayList<>();
        try (PreparedStatement insert = connection.prepareStatement(insert(table))) {
            for (int row = 0; row < ROWS; row++) {
                insert.setInt(1, row + 1);
                for (int c = 0; c < COLUMNS.size(); c++) {
                    insert.setObject(c + 2, COLUMNS.get(c).values().get(row));
                }
                outcomes.add(outcome(insert));
            }
        }
        return outcomes;
    }

    static String outcome(PreparedStatement statement) {
        try {
            return "updated " + statement.executeUpdate();
        } catch (SQLException e) {
            return "error " + e.getErrorCode() + " " + e.getSQLState() + " " + e.getMessage();
        }
    }

    /** The column names, for SELECTs. */
    static List<String> names() {
        List<String> names = new ArrayList<>();
        COLUMNS.forEach(c -> names.add(c.name()));
        return names;
    }
}
