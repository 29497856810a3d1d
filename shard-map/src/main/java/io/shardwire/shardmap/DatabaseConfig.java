package io.shardwire.shardmap;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A logical schema ({@code databases.NAME}): its sharded and broadcast tables in file order, and
 * the shard that holds every table not listed.
 */
public record DatabaseConfig(String name, String defaultShard, List<TableConfig> tables) {

    public DatabaseConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(defaultShard, "defaultShard");
        tables = List.copyOf(tables);
    }

    public Optional<TableConfig> table(String tableName) {
        return tables.stream().filter(t -> t.name().equals(tableName)).findFirst();
    }
}
