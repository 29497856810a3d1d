package io.shardwire.shardmap;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One schema as clients see it: its sharded and broadcast tables (in file order) and the shard
 * that holds every other table.
 */
public record LogicalDatabase(String name, String defaultShard, Map<String, TableRule> tables) {

    public LogicalDatabase {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(defaultShard, "defaultShard");
        tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
    }

    /** The rule of {@code table}; empty when the table is unsharded (on {@link #defaultShard}). */
    public Optional<TableRule> rule(String table) {
        return Optional.ofNullable(tables.get(table));
    }
}
