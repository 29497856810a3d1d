package io.shardwire.router.route;

import io.shardwire.shardmap.KeyType;
import io.shardwire.shardmap.LogicalDatabase;
import io.shardwire.shardmap.ShardMap;
import io.shardwire.shardmap.TableRule;
import java.util.Locale;
import java.util.Optional;

/** The shard map snapshot, table schemas and session database one routing decision works with. */
record RoutingContext(ShardMap map, TableSchemas schemas, String currentDatabase) {

    /** The shard of tables without a rule in {@code database}; the first shard for unknown databases. */
    String defaultShard(String database) {
        if (database != null) {
            Optional<LogicalDatabase> db = findDatabase(database);
            if (db.isPresent()) {
                return db.get().defaultShard();
            }
        }
        return map.shards().get(0);
    }

    String defaultShard() {
        return defaultShard(currentDatabase);
    }

    /** Resolves a table as written ({@code t} or {@code db.t}) to a {@link TableRef}. */
    TableRef table(String schema, String name, String alias) {
        String database = schema == null || schema.isEmpty() ? currentDatabase : unquote(schema);
        String table = unquote(name);
        Optional<TableRule> rule = Optional.empty();
        if (database != null) {
            Optional<LogicalDatabase> db = findDatabase(database);
            if (db.isPresent()) {
                rule = findRule(db.get(), table);
                database = db.get().name();
            }
        }
        return new TableRef(database, table, alias == null ? null : unquote(alias), rule);
    }

    /** The routing type of a table's key column; a refusal when the backends could not tell it. */
    KeyType keyType(TableRef table) {
        String key = table.rule().flatMap(TableRule::key).orElseThrow();
        return schemas.keyType(table.database(), table.table(), key).orElseThrow(() -> RouteException.unsupported(
                "routing on table " + table.database() + "." + table.table() + ": its shard key column '" + key
                        + "' was not found on the backends (create the table first, through the proxy)"));
    }

    private Optional<LogicalDatabase> findDatabase(String name) {
        Optional<LogicalDatabase> exact = map.database(name);
        if (exact.isPresent()) {
            return exact;
        }
        return map.databases().values().stream().filter(d -> d.name().equalsIgnoreCase(name)).findFirst();
    }

    private static Optional<TableRule> findRule(LogicalDatabase db, String table) {
        Optional<TableRule> exact = db.rule(table);
        if (exact.isPresent()) {
            return exact;
        }
        String lower = table.toLowerCase(Locale.ROOT);
        return db.tables().values().stream().filter(r -> r.table().toLowerCase(Locale.ROOT).equals(lower)).findFirst();
    }

    static String unquote(String name) {
        if (name == null) {
            return null;
        }
        String n = name.strip();
        if (n.length() >= 2 && (n.charAt(0) == '`' || n.charAt(0) == '"') && n.charAt(n.length() - 1) == n.charAt(0)) {
            return n.substring(1, n.length() - 1).replace("``", "`");
        }
        return n;
    }
}
