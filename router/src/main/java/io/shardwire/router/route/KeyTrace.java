package io.shardwire.router.route;

import io.shardwire.shardmap.KeyType;
import io.shardwire.shardmap.TableRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What one routing decision read from the statement's shard-key values: every table whose key was looked at,
 * the constraint found and the shards it gave. It tells the plan cache whether a route depends on literal
 * values and on which ones, and tells EXPLAIN ROUTE why a statement went where it went. Owned by one
 * routing call (one thread).
 */
public final class KeyTrace {

    /**
     * One look at a table's key: the values or bounds found ({@code values} empty when the key was not
     * constrained), and the shards they gave.
     */
    public record KeyLookup(String table, TableRule rule, KeyType keyType, Kind kind, List<String> values, Set<String> shards) {
        public KeyLookup {
            values = List.copyOf(values);
            shards = Set.copyOf(shards);
        }
    }

    /** How the key was constrained. */
    public enum Kind {
        /** Not at all: every shard of the table. */
        ANY,
        /** Equal to one of the values. */
        VALUES,
        /** Between bounds (values: low, high; "" for unbounded). */
        RANGE,
        /** By nothing a row can match (key = NULL). */
        NONE
    }

    private final List<KeyLookup> lookups = new ArrayList<>();
    private boolean valueDependent;

    void lookup(TableRef table, TableRule rule, KeyType keyType, KeyConstraint constraint, Set<String> shards) {
        String name = table.table();
        KeyLookup lookup = switch (constraint) {
            case KeyConstraint.Any a -> new KeyLookup(name, rule, keyType, Kind.ANY, List.of(), shards);
            case KeyConstraint.None n -> new KeyLookup(name, rule, keyType, Kind.NONE, List.of(), shards);
            case KeyConstraint.Values v -> new KeyLookup(name, rule, keyType, Kind.VALUES, v.values(), shards);
            case KeyConstraint.Range r -> new KeyLookup(name, rule, keyType, Kind.RANGE,
                    List.of(r.low() == null ? "" : r.low(), r.high() == null ? "" : r.high()), shards);
        };
        lookups.add(lookup);
    }

    /** A row's key value of an INSERT. */
    void insertKey(TableRef table, TableRule rule, KeyType keyType, String value, String shard) {
        lookups.add(new KeyLookup(table.table(), rule, keyType, Kind.VALUES, List.of(value), Set.of(shard)));
    }

    /**
     * The decision depended on a literal's magnitude or on a conversion that may fail for other values (a string
     * compared with an integer key as a double), not only on the statement's shape and the key values.
     */
    void valueDependent() {
        valueDependent = true;
    }

    public List<KeyLookup> lookups() {
        return List.copyOf(lookups);
    }

    public boolean isValueDependent() {
        return valueDependent;
    }
}
