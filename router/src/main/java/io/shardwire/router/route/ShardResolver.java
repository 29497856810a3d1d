package io.shardwire.router.route;

import io.shardwire.shardmap.KeyType;
import io.shardwire.shardmap.RangeBound;
import io.shardwire.shardmap.TableRule;
import io.shardwire.shardmap.ValueType;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Turns a key constraint into the shards that may hold matching rows of one sharded table. */
final class ShardResolver {
    private ShardResolver() {
    }

    static Set<String> shards(TableRule rule, KeyType keyType, KeyConstraint constraint) {
        Set<String> all = new LinkedHashSet<>(rule.shards());
        return switch (constraint) {
            case KeyConstraint.Any a -> all;
            case KeyConstraint.None n -> new LinkedHashSet<>(List.of(rule.shards().get(0)));
            case KeyConstraint.Values v -> values(rule, keyType, v.values(), all);
            case KeyConstraint.Range r -> rule instanceof TableRule.RangeSharded range
                    && range.function().keyFunction() instanceof io.shardwire.shardmap.KeyFunction.Whole
                    ? range(range, keyType, r) : all;
        };
    }

    private static Set<String> values(TableRule rule, KeyType keyType, List<String> values, Set<String> all) {
        Set<String> shards = new LinkedHashSet<>();
        for (String value : values) {
            if (keyType.caseInsensitive()) {
                // a case-insensitive collation equates more than the key's folding does ('strase' = 'straße'
                // and every emoji is equal under general_ci): rows equal to this value may sit on any shard
                return all;
            }
            String shard;
            try {
                shard = shardFor(rule, value, keyType);
            } catch (IllegalArgumentException e) {
                // the literal does not convert to the key's type (MySQL would compare after conversion):
                // do not guess, ask every shard
                return all;
            }
            if (shard == null) {
                return all;
            }
            shards.add(shard);
        }
        return shards;
    }

    static String shardFor(TableRule rule, String value, KeyType keyType) {
        return switch (rule) {
            case TableRule.HashSharded h -> h.shardFor(value, keyType);
            case TableRule.RangeSharded r -> r.shardFor(value, keyType);
            case TableRule.Broadcast b -> null;
        };
    }

    /** Ranges whose span meets [low, high]; comparisons under the key's type. */
    private static Set<String> range(TableRule.RangeSharded rule, KeyType keyType, KeyConstraint.Range r) {
        Set<String> shards = new LinkedHashSet<>();
        List<RangeBound> bounds = rule.ranges().bounds();
        KeyType type = rule.function().routingType(keyType);
        if (type.valueType() == ValueType.DATE) {
            // MySQL compares a DATE column with a datetime literal as DATETIME (the date at midnight), so
            // created_at < '2024-01-01 00:00:01' includes 2024-01-01; truncating the literal would exclude it.
            type = KeyType.DATETIME;
        } else if (type.valueType() == ValueType.INTEGER) {
            // likewise an integer column with a fraction: account_id < 1000.4 includes 1000, which converting
            // the literal to an integer (1000) would exclude
            type = KeyType.DECIMAL;
        }
        try {
            String below = null; // the previous range's bound: this range covers [below, bound)
            for (RangeBound bound : bounds) {
                boolean startsBeforeHigh = r.high() == null || below == null
                        || type.compare(below, r.high()) < 0 || (r.highInclusive() && type.compare(below, r.high()) == 0);
                boolean endsAfterLow = r.low() == null || bound.below() == null || type.compare(bound.below(), r.low()) > 0;
                if (startsBeforeHigh && endsAfterLow) {
                    shards.add(bound.shard());
                }
                below = bound.below();
            }
        } catch (IllegalArgumentException e) {
            return new LinkedHashSet<>(rule.shards());
        }
        return shards.isEmpty() ? new LinkedHashSet<>(List.of(rule.shards().get(0))) : shards;
    }
}
