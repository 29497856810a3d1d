package io.shardwire.router.route;

import java.util.ArrayList;
import java.util.List;

/**
 * What a WHERE clause says about a shard key. Always a superset of the rows' true keys: routing to more
 * shards than needed is only slower, routing to fewer would be wrong, so every combination that cannot be
 * computed exactly widens.
 */
sealed interface KeyConstraint {

    /** No restriction: every shard. */
    record Any() implements KeyConstraint {
    }

    /** The key is one of these literal values (as written: strings, numbers as text). */
    record Values(List<String> values) implements KeyConstraint {
        public Values {
            values = List.copyOf(values);
        }
    }

    /** The key lies between bounds (null = unbounded); prunes range tables only. */
    record Range(String low, boolean lowInclusive, String high, boolean highInclusive) implements KeyConstraint {
    }

    /** No row can match (for instance {@code key = NULL}). */
    record None() implements KeyConstraint {
    }

    KeyConstraint ANY = new Any();
    KeyConstraint NONE = new None();

    /** Both hold: the narrower one is a superset of the truth. */
    static KeyConstraint and(KeyConstraint a, KeyConstraint b) {
        if (a instanceof None || b instanceof None) {
            return NONE;
        }
        if (a instanceof Any) {
            return b;
        }
        if (b instanceof Any) {
            return a;
        }
        if (a instanceof Values) {
            return a;
        }
        if (b instanceof Values) {
            return b;
        }
        Range x = (Range) a;
        Range y = (Range) b;
        return new Range(x.low() != null ? x.low() : y.low(), x.low() != null ? x.lowInclusive() : y.lowInclusive(),
                x.high() != null ? x.high() : y.high(), x.high() != null ? x.highInclusive() : y.highInclusive());
    }

    /** Either holds: value lists join; anything else widens to {@link Any}. */
    static KeyConstraint or(KeyConstraint a, KeyConstraint b) {
        if (a instanceof None) {
            return b;
        }
        if (b instanceof None) {
            return a;
        }
        if (a instanceof Values va && b instanceof Values vb) {
            List<String> all = new ArrayList<>(va.values());
            all.addAll(vb.values());
            return new Values(all);
        }
        return ANY;
    }
}
