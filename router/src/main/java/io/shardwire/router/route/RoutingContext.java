package io.shardwire.router.route;

import io.shardwire.shardmap.KeyType;
import io.shardwire.shardmap.LogicalDatabase;
import io.shardwire.shardmap.ShardMap;
import io.shardwire.shardmap.TableRule;
import io.shardwire.router.sql.Token;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The shard map snapshot, table schemas and session database one routing decision works with, and its key trace. */
record RoutingContext(ShardMap map, TableSchemas schemas, String currentDatabase, KeyTrace trace) {

    /** The shard of tables without a rule in {@code database}; the first shard for unknown databases. */
    String defaultShard(String database) {
        if (database != null) {
            Optional<LogicalDatabase> db = map.findDatabase(database);
            if (db.isPresent()) {
                return db.get().defaultShard();
            }
        }
        return map.shards().get(0);
    }

    String defaultShard() {
        return defaultShard(currentDatabase);
    }

    /**
     * The default shards of the logical databases that {@code db.name} references in the tokens name, other than
     * the session database's. Such a statement cannot go to the session's default shard unread: its unsharded
     * tables live elsewhere. (A table alias spelled like a database only costs a parse.)
     */
    Set<String> otherDefaultShards(List<Token> tokens) {
        Set<String> shards = new LinkedHashSet<>();
        for (int i = 0; i + 2 < tokens.size(); i++) {
            if (tokens.get(i).isName() && tokens.get(i + 1).isSymbol(".") && tokens.get(i + 2).isName()) {
                map.findDatabase(tokens.get(i).text()).map(LogicalDatabase::defaultShard)
                        .filter(shard -> !shard.equals(defaultShard()))
                        .ifPresent(shards::add);
            }
        }
        return shards;
    }

    /** Resolves a table as written ({@code t} or {@code db.t}) to a {@link TableRef}. */
    TableRef table(String schema, String name, String alias) {
        String database = schema == null || schema.isEmpty() ? currentDatabase : unquote(schema);
        String table = unquote(name);
        Optional<TableRule> rule = Optional.empty();
        if (database != null) {
            Optional<LogicalDatabase> db = map.findDatabase(database);
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
