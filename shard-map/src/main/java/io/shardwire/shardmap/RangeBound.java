package io.shardwire.shardmap;

import java.util.Objects;

/**
 * One range of a range table: values below {@code below} (and at or above the previous range's
 * bound) live on {@code shard}. {@code below} is null for the last range only, which takes every
 * value from the previous bound up (MAXVALUE). Bounds stay text until the key's type is known.
 */
public record RangeBound(String below, String shard) {
    public RangeBound {
        Objects.requireNonNull(shard, "shard");
    }

    public boolean isLast() {
        return below == null;
    }
}
