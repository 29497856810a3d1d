package io.shardwire.shardmap;

import java.util.Locale;
import java.util.Optional;

/** How a table's rows are placed: the {@code shard_by:} key, and the column of SHOW SHARDED TABLES. */
public enum ShardBy {
    HASH, RANGE, BROADCAST;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ShardBy> fromConfigName(String name) {
        for (ShardBy s : values()) {
            if (s.configName().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
