package io.shardwire.it.differential;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compares whole tables as they physically are on the shards (read directly, not through the proxy) with the
 * reference: a sharded table's shards together hold exactly the reference's rows, every shard holds an
 * identical copy of a broadcast table, the default shard holds the unsharded table. After a difference,
 * {@link #resync} puts the reference's rows back through the proxy so one failure does not cascade.
 *
 * <p>Used by the test thread only.
 */
final class TableCheck {
    private static final int RESYNC_BATCH = 500;

    private final List<Connection> shards;
    private final Connection reference;
    private final Connection proxy;

    TableCheck(List<Connection> shards, Connection reference, Connection proxy) {
        this.shards = List.copyOf(shards);
        this.reference = reference;
        this.proxy = proxy;
    }

    /** Empty when the shards agree with the reference; else what differs. */
    Optional<String> compare(String table) throws SQLException {
        Outcome.Rows expected = read(reference, table);
        if (table.equals("countries")) {
            for (int i = 0; i < shards.size(); i++) {
                Optional<String> diff = Differ.compare(read(shards.get(i), table), expected, false);
                if (diff.isPresent()) {
                    return Optional.of("broadcast table " + table + ", copy on s" + i + ": " + diff.get());
                }
            }
            return Optional.empty();
        }
        if (!ShopSchema.SHARDED.contains(table)) {
            return Differ.compare(read(shards.get(0), table), expected, false).map(d -> "unsharded table " + table + ": " + d);
        }
        List<List<String>> all = new ArrayList<>();
        Outcome.Rows first = null;
        for (Connection shard : shards) {
            Outcome.Rows rows = read(shard, table);
            first = first == null ? rows : first;
            all.addAll(rows.rows());
        }
        return Differ.compare(new Outcome.Rows(first.columns(), all), expected, false)
                .map(d -> "sharded table " + table + " (all shards together): " + d);
    }

    /** Empties the table on every shard and loads the reference's rows through the proxy. */
    void resync(String table) throws SQLException {
        boolean unsharded = !ShopSchema.SHARDED.contains(table) && !table.equals("countries");
        for (Connection shard : unsharded ? shards.subList(0, 1) : shards) {
            try (Statement s = shard.createStatement()) {
                s.execute("DELETE FROM " + table);
            }
        }
        List<List<String>> rows = read(reference, table).rows();
        try (Statement s = proxy.createStatement()) {
            for (int from = 0; from < rows.size(); from += RESYNC_BATCH) {
                List<String> tuples = new ArrayList<>();
                for (List<String> row : rows.subList(from, Math.min(rows.size(), from + RESYNC_BATCH))) {
                    tuples.add(SqlText.tuple(row.stream().map(SqlText::quote).toList()));
                }
                s.execute("INSERT INTO " + table + " VALUES " + String.join(", ", tuples));
            }
        }
    }

    private static Outcome.Rows read(Connection connection, String table) throws SQLException {
        try (Statement s = connection.createStatement()) {
            Outcome outcome = Outcome.of(s, "SELECT * FROM " + table);
            if (outcome instanceof Outcome.Rows rows) {
                return rows;
            }
            throw new SQLException("reading " + table + " for comparison: " + Differ.describe(outcome));
        }
    }
}
