package io.shardwire.router.route;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.shardwire.shardmap.ConfigLoader;
import io.shardwire.shardmap.KeyType;
import io.shardwire.shardmap.ShardMap;
import io.shardwire.shardmap.TableRule;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which shards of a range table a key constraint reaches: exact at inclusive bounds, a superset when in doubt
 * (an exclusive bound is not moved to the next integer or day: account_id > 999 keeps s0).
 */
class ShardResolverTest {
    private static final ShardMap MAP = ShardMap.from(ConfigLoader.parse("""
            users: [ { name: app, password: app } ]
            backends:
              s0: { primary: "mysql://root:@127.0.0.1:1" }
              s1: { primary: "mysql://root:@127.0.0.1:2" }
              s2: { primary: "mysql://root:@127.0.0.1:3" }
            databases:
              shop:
                tables:
                  ledger: { shard_by: range, key: account_id, ranges: [ { below: "1000", shard: s0 }, { below: "2000", shard: s1 }, { shard: s2 } ] }
                  events: { shard_by: range, key: created_at, ranges: [ { below: "2026-01-01", shard: s0 }, { shard: s1 } ] }
                  customers: { shard_by: hash, key: id }
            """, "test"), 1);

    @ParameterizedTest(name = "account_id in {0}{1}, {2}{3} -> {4}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            -    | false | 1000   | false | s0
            -    | false | 1000   | true  | s0 s1
            -    | false | 999    | true  | s0
            -    | false | 1000.4 | false | s0 s1
            -    | false | 999.5  | true  | s0
            1000 | true  | -      | false | s1 s2
            999  | false | -      | false | s0 s1 s2
            1999 | false | 2000   | false | s1
            2000 | true  | -      | false | s2
            500  | true  | 1500   | true  | s0 s1
            1500 | true  | 500    | true  | s0
            abc  | true  | -      | false | s0 s1 s2
            -    | false | -      | false | s0 s1 s2
            """)
    void integerRanges(String low, boolean lowInclusive, String high, boolean highInclusive, String expected) {
        assertEquals(shards(expected), ShardResolver.shards(rule("ledger"), KeyType.INTEGER,
                new KeyConstraint.Range(low, lowInclusive, high, highInclusive)));
    }

    @ParameterizedTest(name = "created_at in {0}{1}, {2}{3} -> {4}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            -                   | false | 2026-01-01          | false | s0
            -                   | false | 2026-01-01 00:00:01 | false | s0 s1
            -                   | false | 2025-12-31 23:59:59 | true  | s0
            2026-01-01          | true  | -                   | false | s1
            2025-12-31 00:00:01 | true  | -                   | false | s0 s1
            20251231            | false | 20260102            | false | s0 s1
            yesterday           | true  | -                   | false | s0 s1
            """)
    void dateRanges(String low, boolean lowInclusive, String high, boolean highInclusive, String expected) {
        assertEquals(shards(expected), ShardResolver.shards(rule("events"), KeyType.DATE,
                new KeyConstraint.Range(low, lowInclusive, high, highInclusive)));
    }

    @ParameterizedTest(name = "values {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            999 1000           | s0 s1
            1999 2000 -5       | s1 s2 s0
            1000 abc           | s0 s1 s2
            """)
    void values(String values, String expected) {
        assertEquals(shards(expected), ShardResolver.shards(rule("ledger"), KeyType.INTEGER,
                new KeyConstraint.Values(Arrays.asList(values.split(" ")))));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({"ledger, s0", "customers, s0"})
    void noRowCanMatchOneShardAnswers(String table, String expected) {
        assertEquals(Set.of(expected), ShardResolver.shards(rule(table), KeyType.INTEGER, KeyConstraint.NONE));
    }

    @ParameterizedTest(name = "hash key range -> every shard")
    @CsvSource({"1, 1"})
    void rangesDoNotPruneHashTables(String low, String high) {
        assertEquals(shards("s0 s1 s2"), ShardResolver.shards(rule("customers"), KeyType.INTEGER,
                new KeyConstraint.Range(low, true, high, true)));
    }

    private static TableRule rule(String table) {
        return MAP.rule("shop", table).orElseThrow();
    }

    private static Set<String> shards(String list) {
        return Set.copyOf(List.of(list.split(" ")));
    }
}
