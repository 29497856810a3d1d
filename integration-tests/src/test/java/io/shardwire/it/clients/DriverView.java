package io.shardwire.it.clients;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What a JDBC driver makes of a result, as plain strings that two drivers' answers (proxy and direct) can be
 * compared with {@code assertEquals}: column metadata, values read with getString, getBytes and getObject, and
 * the sequence of results of a multi-statement. A getter that throws is recorded as its exception, so the proxy
 * must fail where the server fails, too.
 */
final class DriverView {
    private static final HexFormat HEX = HexFormat.of();

    private DriverView() {
    }

    /** One line per column: every ResultSetMetaData property a client typically looks at. */
    static List<String> metadata(ResultSetMetaData md) throws SQLException {
        List<String> columns = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            columns.add(String.join("|", "label=" + md.getColumnLabel(i), "name=" + md.getColumnName(i),
                    "table=" + md.getTableName(i), "catalog=" + md.getCatalogName(i),
                    "type=" + md.getColumnType(i), "typeName=" + md.getColumnTypeName(i),
                    "precision=" + md.getPrecision(i), "scale=" + md.getScale(i), "signed=" + md.isSigned(i),
                    "nullable=" + md.isNullable(i), "displaySize=" + md.getColumnDisplaySize(i),
                    "autoIncrement=" + md.isAutoIncrement(i), "caseSensitive=" + md.isCaseSensitive(i),
                    "class=" + md.getColumnClassName(i)));
        }
        return columns;
    }

    /** Every row, each value read as getString, getBytes and getObject (in that order, per column). */
    static List<String> values(ResultSet rs) throws SQLException {
        int count = rs.getMetaData().getColumnCount();
        List<String> rows = new ArrayList<>();
        while (rs.next()) {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= count; i++) {
                int column = i;
                row.append('[').append(rs.getMetaData().getColumnLabel(i)).append("] string=")
                        .append(read(() -> rs.getString(column)))
                        .append(" bytes=").append(read(() -> rs.getBytes(column)))
                        .append(" object=").append(read(() -> rs.getObject(column)))
                        .append(" wasNull=").append(rs.wasNull()).append('\n');
            }
            rows.add(row.toString());
        }
        return rows;
    }

    /** Rows as getString values; the compact form for simple results. */
    static List<List<String>> strings(ResultSet rs) throws SQLException {
        int count = rs.getMetaData().getColumnCount();
        List<List<String>> rows = new ArrayList<>();
        while (rs.next()) {
            List<String> row = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                row.add(rs.getString(i));
            }
            rows.add(row);
        }
        return rows;
    }

    /** The first column of every row, as getString; closes the result set (generated keys, for instance). */
    static List<String> firstColumn(ResultSet rs) throws SQLException {
        List<String> values = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    static List<List<String>> query(Statement statement, String sql) throws SQLException {
        try (ResultSet rs = statement.executeQuery(sql)) {
            return strings(rs);
        }
    }

    /** The single value of a one-row, one-column query. */
    static String scalar(Statement statement, String sql) throws SQLException {
        List<List<String>> rows = query(statement, sql);
        if (rows.size() != 1 || rows.get(0).size() != 1) {
            throw new AssertionError(sql + " returned " + rows + " (expected: one value)");
        }
        return rows.get(0).get(0);
    }

    /**
     * Runs {@code sql} and walks every result it produces: {@code rows:[...]} for a result set, {@code count:n}
     * for an update count, and {@code error:<code>/<state>} when the driver throws part-way.
     */
    static List<String> results(Statement statement, String sql) {
        List<String> results = new ArrayList<>();
        try {
            boolean isResultSet = statement.execute(sql);
            while (true) {
                if (isResultSet) {
                    try (ResultSet rs = statement.getResultSet()) {
                        results.add("rows:" + strings(rs));
                    }
                } else {
                    long count = statement.getLargeUpdateCount();
                    if (count == -1) {
                        break;
                    }
                    results.add("count:" + count);
                }
                isResultSet = statement.getMoreResults();
            }
        } catch (SQLException e) {
            results.add(error(e));
        }
        return results;
    }

    static String error(SQLException e) {
        return "error:" + e.getErrorCode() + "/" + e.getSQLState();
    }

    private interface Getter {
        Object get() throws SQLException;
    }

    private static String read(Getter getter) {
        try {
            return describe(getter.get());
        } catch (SQLException | RuntimeException e) {
            return "!" + e.getClass().getSimpleName() + ":" + e.getMessage();
        }
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof byte[] bytes) {
            return "byte[]:" + HEX.formatHex(bytes);
        }
        return value.getClass().getSimpleName() + ":" + value;
    }
}
