package io.shardwire.shardmap;

import java.util.LinkedHashSet;
import java.util.List;

/**
 * The map of a range table: ordered bounds, the last one open-ended, so every value has exactly
 * one shard. Bounds are text and are compared under the key column's {@link KeyType}, which the
 * server learns from the backends; {@link #checkOrderedUnder} verifies that they still increase
 * under that type.
 */
public record RangeList(List<RangeBound> bounds) {

    public RangeList {
        bounds = List.copyOf(bounds);
        if (bounds.isEmpty()) {
            throw new IllegalArgumentException("a range table needs at least one range");
        }
        for (int i = 0; i < bounds.size() - 1; i++) {
            if (bounds.get(i).isLast()) {
                throw new IllegalArgumentException("range " + i + " has no bound, but only the last range may omit 'below'");
            }
        }
        if (!bounds.getLast().isLast()) {
            throw new IllegalArgumentException("the last range must omit 'below' (it takes every value up to MAXVALUE)");
        }
    }

    /** The shard of {@code value}: the first range whose bound is above it, else the last range. */
    public String shardFor(Object value, KeyType type) {
        int low = 0;
        int high = bounds.size() - 1;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (type.compare(value, bounds.get(mid).below()) < 0) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return bounds.get(low).shard();
    }

    /**
     * Throws {@link IllegalArgumentException} naming the first bound that does not convert to
     * {@code type} or is not above its predecessor.
     */
    public void checkOrderedUnder(KeyType type) {
        for (int i = 0; i < bounds.size() - 1; i++) {
            String bound = bounds.get(i).below();
            if (!type.valueType().isBoundLiteral(bound)) {
                throw new IllegalArgumentException("bound '" + bound + "' is not a valid " + type.valueType().configName());
            }
            if (i > 0 && type.compare(bounds.get(i - 1).below(), bound) >= 0) {
                throw new IllegalArgumentException("bound '" + bound + "' is not above the previous bound '"
                        + bounds.get(i - 1).below() + "' when compared as " + type.valueType().configName());
            }
        }
    }

    /** The shards of the ranges, in range order, each once. */
    public List<String> shards() {
        LinkedHashSet<String> shards = new LinkedHashSet<>();
        bounds.forEach(b -> shards.add(b.shard()));
        return List.copyOf(shards);
    }
}
