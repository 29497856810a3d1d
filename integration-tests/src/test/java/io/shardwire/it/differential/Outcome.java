package io.shardwire.it.differential;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one statement did on one server, as a client sees it through MySQL Connector/J's text protocol: a
 * result set (column descriptions and every value as {@code getString}), an update count, or an error.
 */
sealed interface Outcome {

    /** How a result column looks to the client; compared exactly between proxy and reference. */
    record Column(String label, String typeName, int jdbcType, int precision, int scale) {
        @Override
        public String toString() {
            return label + " " + typeName + "(" + precision + "," + scale + ")";
        }
    }

    record Rows(List<Column> columns, List<List<String>> rows) implements Outcome {
    }

    record Update(long count) implements Outcome {
    }

    record Failure(int errorCode, String sqlState, String message) implements Outcome {
        @Override
        public String toString() {
            return "ERROR " + errorCode + " (" + sqlState + "): " + message;
        }
    }

    /** Runs {@code sql} and captures what came back; only the first result of the statement is read. */
    static Outcome of(Statement statement, String sql) {
        try {
            if (!statement.execute(sql)) {
                return new Update(statement.getLargeUpdateCount());
            }
            try (ResultSet rs = statement.getResultSet()) {
                return rows(rs);
            }
        } catch (SQLException e) {
            return new Failure(e.getErrorCode(), e.getSQLState(), e.getMessage());
        }
    }

    private static Rows rows(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int n = meta.getColumnCount();
        List<Column> columns = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            columns.add(new Column(meta.getColumnLabel(i), meta.getColumnTypeName(i), meta.getColumnType(i),
                    meta.getPrecision(i), meta.getScale(i)));
        }
        List<List<String>> rows = new ArrayList<>();
        while (rs.next()) {
            String[] row = new String[n];
            for (int i = 0; i < n; i++) {
                row[i] = rs.getString(i + 1);
            }
            rows.add(Arrays.asList(row));
        }
        return new Rows(List.copyOf(columns), rows);
    }
}
