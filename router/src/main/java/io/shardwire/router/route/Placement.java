package io.shardwire.router.route;

import io.shardwire.shardmap.KeyType;
import io.shardwire.shardmap.TableRule;
import java.util.Objects;

/**
 * Where a sharded table's rows go as a function of its key: two tables with equal placements keep rows
 * with equal keys on the same shard (they are co-located), so a join or correlation on their keys can run
 * inside each shard.
 */
record Placement(Object function, Object layout, KeyType keyType) {

    static Placement of(TableRule rule, KeyType keyType) {
        return switch (rule) {
            case TableRule.HashSharded h -> new Placement(h.function(), h.forwarding(), keyType);
            case TableRule.RangeSharded r -> new Placement(r.function(), r.ranges(), keyType);
            case TableRule.Broadcast b -> new Placement(null, b.shards(), null);
        };
    }

    boolean colocatedWith(Placement other) {
        return Objects.equals(function, other.function) && Objects.equals(layout, other.layout)
                && Objects.equals(keyType, other.keyType);
    }
}
