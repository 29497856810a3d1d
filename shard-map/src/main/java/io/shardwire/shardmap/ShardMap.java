package io.shardwire.shardmap;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable, versioned snapshot of where every table's rows live. A plan records the version it
 * was built on; changing the map (resharding) builds a new snapshot with a higher version and
 * publishes it with one atomic reference swap, so a query never sees half a change.
 *
 * @param shards every backend (shard) name, in file order
 * @param databases the logical databases, in file order
 */
public record ShardMap(long version, List<String> shards, Map<String, LogicalDatabase> databases) {

    public ShardMap {
        shards = List.copyOf(shards);
        databases = Collections.unmodifiableMap(new LinkedHashMap<>(databases));
    }

    /** The map the configuration describes. */
    public static ShardMap from(ShardwireConfig config, long version) {
        List<String> shards = config.backendNames();
        Map<String, LogicalDatabase> databases = new LinkedHashMap<>();
        for (DatabaseConfig db : config.databases()) {
            Map<String, TableRule> rules = new LinkedHashMap<>();
            for (TableConfig table : db.tables()) {
                rules.put(table.name(), rule(table, shards));
            }
            databases.put(db.name(), new LogicalDatabase(db.name(), db.defaultShard(), rules));
        }
        return new ShardMap(version, shards, databases);
    }

    private static TableRule rule(TableConfig table, List<String> allShards) {
        return switch (table) {
            case TableConfig.HashTable h -> new TableRule.HashSharded(h.name(), h.key(),
                    new ShardFunction.Hash(h.keyFunction()),
                    h.ranges().isEmpty() ? ForwardingTable.evenly(h.shards()) : ForwardingTable.fromStarts(h.ranges()));
            case TableConfig.RangeTable r -> new TableRule.RangeSharded(r.name(), r.key(),
                    new ShardFunction.Range(r.keyFunction()), new RangeList(r.ranges()));
            case TableConfig.BroadcastTable b -> new TableRule.Broadcast(b.name(), allShards);
        };
    }

    public Optional<LogicalDatabase> database(String name) {
        return Optional.ofNullable(databases.get(name));
    }

    /**
     * The logical database a client names: as written, else ignoring case (MySQL on Linux is case-sensitive for
     * database names, but clients and tools are not consistent about it, and a proxy that misses the database
     * would send its sharded tables' statements to the default shard).
     */
    public Optional<LogicalDatabase> findDatabase(String name) {
        LogicalDatabase exact = databases.get(name);
        if (exact != null) {
            return Optional.of(exact);
        }
        return databases.values().stream().filter(d -> d.name().equalsIgnoreCase(name)).findFirst();
    }

    /** The rule of {@code database.table}; empty when either is unknown or the table is unsharded. */
    public Optional<TableRule> rule(String database, String table) {
        return database(database).flatMap(db -> db.rule(table));
    }
}
