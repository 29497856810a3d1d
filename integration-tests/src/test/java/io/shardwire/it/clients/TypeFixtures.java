package io.shardwire.it.clients;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

/**
 * A wide table with every common MariaDB column type and rows at the edges of each (minimums, maximums, NULLs,
 * zero dates, every byte value, 4-byte UTF-8), written with literal SQL and with client-side prepared statements.
 * Used to check that values and column metadata through the proxy equal what the backend gives directly.
 */
final class TypeFixtures {
    /** Every column but {@code id}, in table order. */
    static final String COLUMNS = "ti, tiu, tbool, si, siu, mi, miu, i, iu, bi, biu, dec65, dec_small, f, d,"
            + " b1, b64, dt, tm, tm6, dtm, dtm6, ts6, yr, ch, vc, tx, mtx, latin, bincoll, bn, vbn, bl, tbl, lbl,"
            + " en, st, js, geo, pt";

    private TypeFixtures() {
    }

    static String createTable(String table) {
        return "CREATE TABLE " + table + " (id INT PRIMARY KEY,"
                + " ti TINYINT, tiu TINYINT UNSIGNED, tbool TINYINT(1), si SMALLINT, siu SMALLINT UNSIGNED,"
                + " mi MEDIUMINT, miu MEDIUMINT UNSIGNED, i INT, iu INT UNSIGNED, bi BIGINT, biu BIGINT UNSIGNED,"
                + " dec65 DECIMAL(65,30), dec_small DECIMAL(5,2) UNSIGNED, f FLOAT, d DOUBLE,"
                + " b1 BIT(1), b64 BIT(64),"
                + " dt DATE, tm TIME, tm6 TIME(6), dtm DATETIME, dtm6 DATETIME(6), ts6 TIMESTAMP(6) NULL, yr YEAR,"
                + " ch CHAR(10), vc VARCHAR(100) NOT NULL DEFAULT '', tx TEXT, mtx MEDIUMTEXT,"
                + " latin VARCHAR(50) CHARACTER SET latin1, bincoll VARCHAR(20) COLLATE utf8mb4_bin,"
                + " bn BINARY(16), vbn VARBINARY(300), bl BLOB, tbl TINYBLOB, lbl LONGBLOB,"
                + " en ENUM('a','b','c'), st SET('x','y','z'), js JSON, geo GEOMETRY, pt POINT)";
    }

    /** Rows written as SQL literals; run with {@code sql_mode = ''} (zero dates) and {@code time_zone = '+00:00'}. */
    static List<String> literalInserts(String table) {
        String insert = "INSERT INTO " + table + " (id, " + COLUMNS + ") VALUES ";
        return List.of(
                "INSERT INTO " + table + " (id) VALUES (1)",
                insert + "(2, -128, 0, 0, -32768, 0, -8388608, 0, -2147483648, 0, -9223372036854775808, 0,"
                        + " -99999999999999999999999999999999999.999999999999999999999999999999, 0.00,"
                        + " -3.40282e38, -1.7976931348623157e308, b'0', b'0', '1000-01-01', '-838:59:59',"
                        + " '-838:59:59.000000', '1000-01-01 00:00:00', '1000-01-01 00:00:00.000000',"
                        + " '1970-01-01 00:00:01.000000', 1901, '', '', '', '', '', '', x'', x'', x'', x'', x'',"
                        + " 'a', '', '[]', ST_GeomFromText('POINT(0 0)'), ST_GeomFromText('POINT(-180 -90)'))",
                insert + "(3, 127, 255, 1, 32767, 65535, 8388607, 16777215, 2147483647, 4294967295,"
                        + " 9223372036854775807, 18446744073709551615,"
                        + " 99999999999999999999999999999999999.999999999999999999999999999999, 999.99,"
                        + " 3.40282e38, 1.7976931348623157e308, b'1', b'1111111111111111111111111111111111111111111111111111111111111111',"
                        + " '9999-12-31', '838:59:59', '838:59:59.000000', '9999-12-31 23:59:59',"
                        + " '9999-12-31 23:59:59.999999', '2038-01-19 03:14:07.999999', 2155,"
                        + " 'ten chars!', 'emoji 😀 𝄞 and ünïcödé', REPEAT('text ', 1000), REPEAT('€', 20000),"
                        + " 'àéîõü ÿ ß', 'CaSe', x'000102030405060708090a0b0c0d0e0f', x'" + allBytesHex() + "',"
                        + " x'" + allBytesHex().repeat(40) + "', x'ff00', x'" + allBytesHex().repeat(300) + "',"
                        + " 'c', 'x,y,z', '{\"a\": [1, \"😀\", null, true], \"b\": {\"c\": 1.5e10}}',"
                        + " ST_GeomFromText('POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 3 2, 3 3, 2 2))'),"
                        + " ST_GeomFromText('POINT(180 90)'))",
                insert + "(4, 1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 0.000000000000000000000000000001, 0.01, 1.1, 0.1,"
                        + " b'1', b'1010', '0000-00-00', '00:00:00', '12:34:56.789012', '0000-00-00 00:00:00',"
                        + " '0000-00-00 00:00:00.000000', '0000-00-00 00:00:00', 0, ' padded  ', '  lead', 'line\\nbreak\\ttab',"
                        + " 'quote '' and \\\\ backslash', 'naïve', 'a', x'ff', x'00', x'0d0a', NULL, x'5c27',"
                        + " 'b', 'y', 'null', ST_GeomFromText('LINESTRING(0 0, 1 1, 2 1)'), NULL)",
                insert + "(5, -1, 128, -1, -1, 32768, -1, 8388608, -1, 2147483648, -1, 9223372036854775808,"
                        + " -0.5, 12.5, -0.0, 2.5e-308, NULL, b'10000000', '2024-02-29', '-00:00:01', '-12:00:00.5',"
                        + " '2024-02-29 12:00:00', '2024-02-29 12:00:00.000001', '2024-02-29 12:00:00.5', 2024, NULL,"
                        + " 'x', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)");
    }

    /** Rows written with a client-side prepared statement (Connector/J and MariaDB Connector/J escape them). */
    static void preparedInserts(Connection c, String table) throws SQLException {
        String marks = "?" + ", ?".repeat(COLUMNS.split(",").length);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (id, " + COLUMNS + ") VALUES ("
                + marks + ")")) {
            byte[] allBytes = allBytes();
            for (int row = 0; row < 2; row++) {
                int p = 1;
                ps.setInt(p++, 10 + row);
                if (row == 1) {
                    List<String> names = List.of(COLUMNS.split(", "));
                    for (String name : names) {
                        if (name.equals("vc")) {
                            ps.setString(p++, "");
                        } else {
                            ps.setNull(p++, Types.NULL);
                        }
                    }
                    ps.executeUpdate();
                    continue;
                }
                ps.setByte(p++, (byte) -100);
                ps.setShort(p++, (short) 200);
                ps.setBoolean(p++, true);
                ps.setShort(p++, (short) -30000);
                ps.setInt(p++, 60000);
                ps.setInt(p++, -8000000);
                ps.setInt(p++, 16000000);
                ps.setInt(p++, Integer.MIN_VALUE);
                ps.setLong(p++, 4000000000L);
                ps.setLong(p++, Long.MIN_VALUE);
                ps.setBigDecimal(p++, new BigDecimal("18446744073709551615"));
                ps.setBigDecimal(p++, new BigDecimal("-12345678901234567890123456789012345.123456789012345678901234567890"));
                ps.setBigDecimal(p++, new BigDecimal("0.5"));
                ps.setFloat(p++, 3.14159f);
                ps.setDouble(p++, Math.E);
                ps.setBoolean(p++, true);
                ps.setLong(p++, Long.MAX_VALUE);
                ps.setObject(p++, LocalDate.of(2000, 2, 29));
                ps.setObject(p++, LocalTime.of(23, 59, 58));
                ps.setObject(p++, LocalTime.of(1, 2, 3, 456_789_000));
                ps.setObject(p++, LocalDateTime.of(1999, 12, 31, 23, 59, 59));
                ps.setObject(p++, LocalDateTime.of(2020, 6, 15, 8, 30, 0, 123_456_000));
                ps.setTimestamp(p++, java.sql.Timestamp.valueOf("2021-03-14 01:59:26.535897"));
                ps.setInt(p++, 1999);
                ps.setString(p++, "char");
                ps.setString(p++, "prepared 😀 'quoted' \\ back \u0000 nul");
                ps.setString(p++, "t".repeat(5000));
                ps.setString(p++, "日本語テキスト");
                ps.setString(p++, "ÀÉÎ");
                ps.setString(p++, "Bin");
                ps.setBytes(p++, java.util.Arrays.copyOf(allBytes, 16));
                ps.setBytes(p++, allBytes);
                ps.setBytes(p++, allBytes);
                ps.setBytes(p++, new byte[] {0, '\'', '"', '\\', 0x1a, '\n', '\r'});
                ps.setBytes(p++, new byte[70_000]);
                ps.setString(p++, "a");
                ps.setString(p++, "x,z");
                ps.setString(p++, "{\"prepared\": true}");
                ps.setNull(p++, Types.BINARY);
                ps.setNull(p++, Types.BINARY);
                ps.executeUpdate();
            }
        }
    }

    /** Writes the fixture rows into {@code table} (created here) over {@code c}. */
    static void fill(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET sql_mode = '', time_zone = '+00:00'");
            s.execute(createTable(table));
            for (String insert : literalInserts(table)) {
                s.execute(insert);
            }
        }
        preparedInserts(c, table);
    }

    static byte[] allBytes() {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    private static String allBytesHex() {
        return java.util.HexFormat.of().formatHex(allBytes());
    }
}
