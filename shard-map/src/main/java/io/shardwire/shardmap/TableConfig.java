package io.shardwire.shardmap;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A table entry of {@code databases.NAME.tables}, as the configuration describes it. */
public sealed interface TableConfig {

    String name();

    default ShardBy shardBy() {
        return switch (this) {
            case HashTable h -> ShardBy.HASH;
            case RangeTable r -> ShardBy.RANGE;
            case BroadcastTable b -> ShardBy.BROADCAST;
        };
    }

    /**
     * {@code shard_by: hash}. Without {@code shards:}/{@code ranges:}/{@code shard_map:} the 64-bit
     * hash space is cut evenly over every backend in file order. {@code shards: [s1, s0]} cuts it
     * evenly over those shards in that order; {@code ranges: [ { from: "0x0", shard: s0 },
     * { from: "0x8000000000000000", shard: s1 } ]} gives explicit starts (hex with 0x or unsigned
     * decimal; the first is 0, strictly increasing, each range ends where the next starts);
     * {@code shard_map: NAME} takes both from {@code databases.DB.shard_maps.NAME}.
     *
     * @param shardMap the named shard map ({@code shard_map: NAME}) the layout came from, if any
     * @param shards the shards the table lives on, never empty: as listed ({@code shards:}, in that
     *     order), else those of {@code ranges:}, else every backend in file order
     * @param ranges explicit ranges of the hash space by their start; empty means the space is
     *     cut evenly over {@code shards} in order
     */
    record HashTable(String name, String key, KeyFunction keyFunction, Optional<String> shardMap,
            List<String> shards, List<HashRange> ranges) implements TableConfig {
        public HashTable {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(keyFunction, "keyFunction");
            Objects.requireNonNull(shardMap, "shardMap");
            shards = List.copyOf(shards);
            ranges = List.copyOf(ranges);
        }
    }

    /**
     * {@code shard_by: range}.
     *
     * @param keyType the declared {@code key_type}, if any; bounds were checked to increase under
     *     it, or under the type inferred from the bounds when absent
     * @param ranges ordered; only the last has no {@code below}
     */
    record RangeTable(String name, String key, KeyFunction keyFunction, Optional<ValueType> keyType,
            List<RangeBound> ranges) implements TableConfig {
        public RangeTable {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(keyFunction, "keyFunction");
            Objects.requireNonNull(keyType, "keyType");
            ranges = List.copyOf(ranges);
        }
    }

    /** {@code shard_by: broadcast}: a full copy on every shard. */
    record BroadcastTable(String name) implements TableConfig {
        public BroadcastTable {
            Objects.requireNonNull(name, "name");
        }
    }
}
