package io.shardwire.server.execution;

import io.shardwire.protocol.ColumnType;
import io.shardwire.protocol.packet.ColumnDefinition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A small result set the proxy answers itself (SHOW PROCESSLIST, SHOW SHARDS, ...): named columns, text
 * values. Integer columns are typed BIGINT so clients read them as numbers.
 */
public record LocalResult(List<ColumnDefinition> columns, List<byte[][]> rows) {
    private static final int UTF8MB4_GENERAL_CI = 45;
    private static final int BINARY = 63;
    private static final int NOT_NULL = 1;
    private static final int UNSIGNED = 32;
    private static final int NUM = 32768;
    private static final int BINARY_FLAG = 128;

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a LocalResult column by column, then row by row. */
    public static final class Builder {
        private final List<ColumnDefinition> columns = new ArrayList<>();
        private final List<byte[][]> rows = new ArrayList<>();

        public Builder text(String name) {
            columns.add(new ColumnDefinition("", "", "", name, name, UTF8MB4_GENERAL_CI, 1024, ColumnType.VAR_STRING, 0, 0x1F));
            return this;
        }

        public Builder number(String name) {
            columns.add(new ColumnDefinition("", "", "", name, name, BINARY, 21, ColumnType.LONGLONG,
                    NOT_NULL | UNSIGNED | NUM, 0));
            return this;
        }

        /** A DECIMAL column with {@code decimals} digits after the point. */
        public Builder decimal(String name, int decimals) {
            columns.add(new ColumnDefinition("", "", "", name, name, BINARY, 22, ColumnType.NEWDECIMAL, NOT_NULL | NUM, decimals));
            return this;
        }

        /** A DATETIME column; values as 'YYYY-MM-DD hh:mm:ss' text. */
        public Builder datetime(String name) {
            columns.add(new ColumnDefinition("", "", "", name, name, BINARY, 19, ColumnType.DATETIME, BINARY_FLAG, 0));
            return this;
        }

        /** Adds a row; values are rendered with toString, null stays NULL. */
        public Builder row(Object... values) {
            if (values.length != columns.size()) {
                throw new IllegalArgumentException("row has " + values.length + " values for " + columns.size() + " columns");
            }
            byte[][] row = new byte[values.length][];
            for (int i = 0; i < values.length; i++) {
                row[i] = values[i] == null ? null : values[i].toString().getBytes(StandardCharsets.UTF_8);
            }
            rows.add(row);
            return this;
        }

        public LocalResult build() {
            return new LocalResult(List.copyOf(columns), List.copyOf(rows));
        }
    }
}
