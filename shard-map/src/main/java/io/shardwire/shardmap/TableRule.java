package io.shardwire.shardmap;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one sharded or broadcast table's rows live. Tables without a rule are unsharded and live
 * on their database's default shard only.
 */
public sealed interface TableRule {

    String table();

    /** The shards holding rows (or a copy) of this table; DDL and scatter queries go to all of them. */
    List<String> shards();

    default ShardBy shardBy() {
        return switch (this) {
            case HashSharded h -> ShardBy.HASH;
            case RangeSharded r -> ShardBy.RANGE;
            case Broadcast b -> ShardBy.BROADCAST;
        };
    }

    /** The shard-key column; empty for broadcast tables (SHOW SHARDED TABLES' {@code key}). */
    default Optional<String> key() {
        return switch (this) {
            case HashSharded h -> Optional.of(h.keyColumn());
            case RangeSharded r -> Optional.of(r.keyColumn());
            case Broadcast b -> Optional.empty();
        };
    }

    /**
     * Rows placed by the hash of the key. Two hash tables are co-located (their rows with equal
     * keys share a shard) when their functions and forwarding tables are equal and their key
     * columns have the same {@link KeyType}.
     */
    record HashSharded(String table, String keyColumn, ShardFunction.Hash function, ForwardingTable forwarding)
            implements TableRule {
        public HashSharded {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(keyColumn, "keyColumn");
            Objects.requireNonNull(function, "function");
            Objects.requireNonNull(forwarding, "forwarding");
        }

        public String shardFor(Object keyValue, KeyType columnType) {
            return forwarding.shardFor(function.keyspaceId(keyValue, columnType));
        }

        @Override
        public List<String> shards() {
            return forwarding.shards();
        }
    }

    /** Rows placed by comparing the key with ordered bounds. */
    record RangeSharded(String table, String keyColumn, ShardFunction.Range function, RangeList ranges)
            implements TableRule {
        public RangeSharded {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(keyColumn, "keyColumn");
            Objects.requireNonNull(function, "function");
            Objects.requireNonNull(ranges, "ranges");
        }

        public String shardFor(Object keyValue, KeyType columnType) {
            return ranges.shardFor(function.routingValue(keyValue, columnType), function.routingType(columnType));
        }

        @Override
        public List<String> shards() {
            return ranges.shards();
        }
    }

    /** A full copy on every shard: reads from one, writes to all. */
    record Broadcast(String table, List<String> shards) implements TableRule {
        public Broadcast {
            Objects.requireNonNull(table, "table");
            shards = List.copyOf(shards);
        }
    }
}
