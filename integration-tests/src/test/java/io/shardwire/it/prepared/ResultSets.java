package io.shardwire.it.prepared;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Result sets read into plain data, so that what a driver reports through the proxy can be compared with what
 * it reports on a direct connection to the backend: per cell getObject, getString and getBytes, and per
 * column the JDBC metadata.
 */
final class ResultSets {
    private ResultSets() {
    }

    /** Every row, every column read three ways, as text (byte arrays in hex) so failures print readably. */
    static List<String> cells(ResultSet rs) throws SQLException {
        List<String> rows = new ArrayList<>();
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= n; i++) {
                row.append(rs.getMetaData().getColumnLabel(i)).append("={object=").append(show(object(rs, i)))
                        .append(" string=").append(show(text(rs, i)))
                        .append(" bytes=").append(show(bytes(rs, i))).append("} ");
            }
            rows.add(row.toString());
        }
        return rows;
    }

    /** Every row as the getString of each column. */
    static List<String> strings(ResultSet rs) throws SQLException {
        List<String> rows = new ArrayList<>();
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= n; i++) {
                row.append(rs.getMetaData().getColumnLabel(i)).append('=').append(show(text(rs, i))).append("} ");
            }
            rows.add(row.toString());
        }
        return rows;
    }

    /** The JDBC metadata of every column but the table name (results of two tables are compared too). */
    static List<String> metadata(ResultSetMetaData md) throws SQLException {
        List<String> columns = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            columns.add(md.getColumnLabel(i) + " name=" + md.getColumnName(i)
                    + " type=" + md.getColumnType(i) + " typeName=" + md.getColumnTypeName(i)
                    + " class=" + md.getColumnClassName(i) + " precision=" + md.getPrecision(i)
                    + " scale=" + md.getScale(i) + " signed=" + md.isSigned(i) + " nullable=" + md.isNullable(i)
                    + " displaySize=" + md.getColumnDisplaySize(i));
        }
        return columns;
    }

    static void assertSameResults(ResultSet expected, ResultSet actual, String what) throws SQLException {
        assertSameResults(expected, actual, what, UnaryOperator.identity());
    }

    /** @param directMetadata applied to the direct connection's metadata, for differences that are known */
    static void assertSameResults(ResultSet expected, ResultSet actual, String what,
                                  UnaryOperator<String> directMetadata) throws SQLException {
        assertSameLines(metadata(expected.getMetaData()).stream().map(directMetadata).toList(),
                metadata(actual.getMetaData()), what + ": metadata");
        assertSameLines(cells(expected), cells(actual), what + ": values");
    }

    /** Equal lists, or a failure that shows the first line that differs and, in it, the first differing part. */
    static void assertSameLines(List<String> expected, List<String> actual, String what) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                String[] e = expected.get(i).split("} ");
                String[] a = actual.get(i).split("} ");
                for (int j = 0; j < Math.min(e.length, a.length); j++) {
                    assertEquals(e[j], a[j], what + ", line " + (i + 1));
                }
                assertEquals(expected.get(i), actual.get(i), what + ", line " + (i + 1));
            }
        }
        assertEquals(expected.size(), actual.size(), what + ": number of lines");
    }

    private static Object object(ResultSet rs, int i) {
        try {
            return rs.getObject(i);
        } catch (SQLException e) {
            return "SQLException " + e.getErrorCode() + " " + e.getSQLState();
        } catch (RuntimeException e) {
            // a driver's own failure (MariaDB Connector/J cannot make a Date of YEAR 0): the same on both sides
            return "driver failure " + e.getClass().getSimpleName();
        }
    }

    private static Object text(ResultSet rs, int i) {
        try {
            return rs.getString(i);
        } catch (SQLException e) {
            return "SQLException " + e.getErrorCode() + " " + e.getSQLState();
        } catch (RuntimeException e) {
            // a driver's own failure (MariaDB Connector/J cannot make a Date of YEAR 0): the same on both sides
            return "driver failure " + e.getClass().getSimpleName();
        }
    }

    private static Object bytes(ResultSet rs, int i) {
        try {
            return rs.getBytes(i);
        } catch (SQLException e) {
            return "SQLException " + e.getErrorCode() + " " + e.getSQLState();
        } catch (RuntimeException e) {
            // a driver's own failure (MariaDB Connector/J cannot make a Date of YEAR 0): the same on both sides
            return "driver failure " + e.getClass().getSimpleName();
        }
    }

    static String show(Object value) {
        if (value instanceof byte[] b) {
            return "0x" + HexFormat.of().formatHex(b);
        }
        if (value instanceof Object[] array) {
            return Arrays.deepToString(array);
        }
        return value == null ? "null" : value.getClass().getSimpleName() + ":" + value;
    }
}
