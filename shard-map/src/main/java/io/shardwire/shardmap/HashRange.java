package io.shardwire.shardmap;

import java.util.Objects;

/**
 * One explicit range of a hash table's keyspace as written in the configuration:
 * {@code { from: "0x8000000000000000", shard: s1 }}. The range runs from {@code from} (inclusive)
 * to the next range's {@code from}, or to the end of the space for the last one.
 */
public record HashRange(KeyspaceId from, String shard) {
    public HashRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(shard, "shard");
    }
}
