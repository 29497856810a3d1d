package io.shardwire.shardmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ShardMapTest {

    private static final ShardMap CONTRACT = ShardMap.from(ConfigLoader.parse(ConfigLoaderTest.CONTRACT_EXAMPLE, "contract"), 7);

    private static TableRule rule(String table) {
        return CONTRACT.rule("shop", table).orElseThrow();
    }

    @Test
    void contractExampleRules() {
        assertEquals(7, CONTRACT.version());
        assertEquals(List.of("s0", "s1"), CONTRACT.shards());
        LogicalDatabase shop = CONTRACT.database("shop").orElseThrow();
        assertEquals("s0", shop.defaultShard());
        assertEquals(List.of("customers", "orders", "events", "countries"), List.copyOf(shop.tables().keySet()));
        assertEquals(List.of("hash customers id", "hash orders customer_id", "range events created_at", "broadcast countries -"),
                shop.tables().values().stream()
                        .map(r -> r.shardBy().configName() + " " + r.table() + " " + r.key().orElse("-")).toList());
        assertEquals(Optional.empty(), CONTRACT.rule("shop", "reviews"));
        assertEquals(Optional.empty(), CONTRACT.rule("nope", "customers"));
        assertEquals(List.of("s0", "s1"), rule("countries").shards());
        assertEquals(List.of("s0", "s1"), rule("events").shards());
    }

    @Test
    void customersAndOrdersAreCoLocated() {
        TableRule.HashSharded customers = assertInstanceOf(TableRule.HashSharded.class, rule("customers"));
        TableRule.HashSharded orders = assertInstanceOf(TableRule.HashSharded.class, rule("orders"));
        assertEquals(customers.function(), orders.function());
        assertEquals(customers.forwarding(), orders.forwarding());
        assertEquals(ForwardingTable.evenly(List.of("s0", "s1")), customers.forwarding());
        for (long id = 0; id < 1000; id++) {
            assertEquals(customers.shardFor(id, KeyType.INTEGER), orders.shardFor(Long.toString(id), KeyType.INTEGER));
        }
    }

    @Test
    void hashSpreadsKeysEvenly() {
        TableRule.HashSharded customers = (TableRule.HashSharded) rule("customers");
        long onS0 = LongStream.range(1, 100_001).filter(id -> customers.shardFor(id, KeyType.INTEGER).equals("s0")).count();
        assertTrue(onS0 > 49_000 && onS0 < 51_000, "s0 got " + onS0 + " of 100000 sequential ids");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2025-06-01          | s0
            2025-12-31 23:59:59 | s0
            2026-01-01 00:00:00 | s1
            2030-01-01          | s1
            """)
    void eventsByDate(String createdAt, String shard) {
        TableRule.RangeSharded events = (TableRule.RangeSharded) rule("events");
        assertEquals(shard, events.shardFor(createdAt, KeyType.DATETIME));
    }

    /** Property: under any configured layout, every keyspace id of every hash table lands in exactly one shard. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyKeyspaceIdLandsInExactlyOneShardOfTheTable(long seed) {
        Random random = new Random(seed);
        String yaml = """
                users: [ { name: app, password: app } ]
                backends:
                  a: { primary: "mysql://h:1" }
                  b: { primary: "mysql://h:2" }
                  c: { primary: "mysql://h:3" }
                databases:
                  db:
                    tables:
                      even: { shard_by: hash, key: id }
                      subset: { shard_by: hash, key: id, shards: [c, a] }
                      explicit: { shard_by: hash, key: id, ranges: [ { from: 0, shard: b }, { from: "%s", shard: a }, { from: "%s", shard: b } ] }
                """.formatted(new KeyspaceId(Long.MAX_VALUE - random.nextInt(1 << 20)), new KeyspaceId(-1L - random.nextInt(1 << 20)));
        ShardMap map = ShardMap.from(ConfigLoader.parse(yaml, "gen"), 1);
        LongStream.concat(LongStream.of(0L, 1L, Long.MAX_VALUE, Long.MIN_VALUE, -1L), random.longs(5_000)).forEach(bits -> {
            KeyspaceId id = new KeyspaceId(bits);
            for (TableRule rule : map.database("db").orElseThrow().tables().values()) {
                ForwardingTable table = ((TableRule.HashSharded) rule).forwarding();
                List<String> owners = table.entries().stream().filter(e -> e.range().contains(id)).map(ForwardingTable.Entry::shard).toList();
                assertEquals(List.of(table.shardFor(id)), owners, () -> rule.table() + " " + id);
                assertTrue(rule.shards().contains(owners.getFirst()));
            }
        });
        assertEquals(List.of("c", "a"), map.rule("db", "subset").orElseThrow().shards());
        assertEquals(List.of("b", "a"), map.rule("db", "explicit").orElseThrow().shards());
    }

    static LongStream seeds() {
        return LongStream.of(1, 2, 3, 5, 8, 13, 21, 34);
    }

    @Test
    void snapshotIsImmutable() {
        assertThrows(UnsupportedOperationException.class, () -> CONTRACT.databases().clear());
        assertThrows(UnsupportedOperationException.class, () -> CONTRACT.database("shop").orElseThrow().tables().clear());
        assertThrows(UnsupportedOperationException.class, () -> CONTRACT.shards().add("s9"));
        assertThrows(UnsupportedOperationException.class,
                () -> BackendAddress.parse("mysql://h?a=b").params().put("c", "d"));
        Map<String, TableRule> rules = new LinkedHashMap<>();
        LogicalDatabase db = new LogicalDatabase("x", "s0", rules);
        rules.put("t", new TableRule.Broadcast("t", List.of("s0")));
        assertTrue(db.tables().isEmpty(), "the record must copy, not wrap, its map");
    }
}
