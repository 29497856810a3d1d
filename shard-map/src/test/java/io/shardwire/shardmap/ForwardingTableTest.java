package io.shardwire.shardmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ForwardingTableTest {

    private static final long[] EDGES = {0L, 1L, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, -2L, -1L,
            0x5555555555555555L, 0x5555555555555556L, 0xAAAAAAAAAAAAAAAAL, 0xAAAAAAAAAAAAAAABL};

    private static KeyspaceId id(String text) {
        return KeyspaceId.parse(text);
    }

    @Test
    void evenSplitOverTwoShardsCutsAtTwoToThe63() {
        ForwardingTable t = ForwardingTable.evenly(List.of("s0", "s1"));
        assertEquals(List.of(
                new ForwardingTable.Entry(KeyRange.between(KeyspaceId.MIN, id("0x8000000000000000")), "s0"),
                new ForwardingTable.Entry(KeyRange.from(id("0x8000000000000000")), "s1")), t.entries());
    }

    @Test
    void evenSplitOverThreeShards() {
        ForwardingTable t = ForwardingTable.evenly(List.of("a", "b", "c"));
        assertEquals(List.of("[0x0000000000000000, 0x5555555555555555)", "[0x5555555555555555, 0xaaaaaaaaaaaaaaaa)",
                "[0xaaaaaaaaaaaaaaaa, end)"), t.entries().stream().map(e -> e.range().toString()).toList());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0x0000000000000000 | s0
            0x3fffffffffffffff | s0
            0x4000000000000000 | s1
            0x7fffffffffffffff | s1
            0x8000000000000000 | s2
            0xbfffffffffffffff | s2
            0xc000000000000000 | s0
            0xffffffffffffffff | s0
            """)
    void explicitStartsLookup(String id, String shard) {
        ForwardingTable t = ForwardingTable.fromStarts(List.of(
                new HashRange(id("0x0"), "s0"), new HashRange(id("0x4000000000000000"), "s1"),
                new HashRange(id("0x8000000000000000"), "s2"), new HashRange(id("0xc000000000000000"), "s0")));
        assertEquals(shard, t.shardFor(id(id)));
        assertEquals(List.of("s0", "s1", "s2"), t.shards());
        assertEquals(2, t.rangesOf("s0").size());
    }

    static Stream<Arguments> invalidTables() {
        KeyspaceId half = id("0x8000000000000000");
        KeyspaceId quarter = id("0x4000000000000000");
        return Stream.of(
                Arguments.of(List.of(), "a forwarding table needs at least one range"),
                Arguments.of(List.of(entry(KeyRange.from(quarter), "s0")),
                        "gap: keys below 0x4000000000000000 have no shard"),
                Arguments.of(List.of(entry(KeyRange.between(KeyspaceId.MIN, quarter), "s0"), entry(KeyRange.from(half), "s1")),
                        "gap between [0x0000000000000000, 0x4000000000000000) and [0x8000000000000000, end)"),
                Arguments.of(List.of(entry(KeyRange.between(KeyspaceId.MIN, half), "s0"), entry(KeyRange.from(quarter), "s1")),
                        "overlap between [0x0000000000000000, 0x8000000000000000) and [0x4000000000000000, end)"),
                Arguments.of(List.of(entry(KeyRange.FULL, "s0"), entry(KeyRange.from(half), "s1")),
                        "overlap: [0x0000000000000000, end) already runs to the end, yet [0x8000000000000000, end) follows"),
                Arguments.of(List.of(entry(KeyRange.between(KeyspaceId.MIN, half), "s0")),
                        "gap: keys from 0x8000000000000000 to the end have no shard"));
    }

    private static ForwardingTable.Entry entry(KeyRange range, String shard) {
        return new ForwardingTable.Entry(range, shard);
    }

    @ParameterizedTest
    @MethodSource("invalidTables")
    void rejectsGapsAndOverlaps(List<ForwardingTable.Entry> entries, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> new ForwardingTable(entries)).getMessage());
    }

    /** Property: for any layout, every keyspace id is contained in exactly one range, and lookup returns its shard. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyKeyspaceIdLandsInExactlyOneShard(long seed) {
        Random random = new Random(seed);
        ForwardingTable table = randomTable(random);
        LongStream ids = LongStream.concat(LongStream.of(EDGES), random.longs(2_000));
        for (KeyRange r : table.entries().stream().map(ForwardingTable.Entry::range).toList()) {
            ids = LongStream.concat(ids, LongStream.of(r.start().bits(), r.start().bits() - 1, r.start().bits() + 1));
        }
        ids.forEach(bits -> {
            KeyspaceId id = new KeyspaceId(bits);
            List<ForwardingTable.Entry> owners = table.entries().stream().filter(e -> e.range().contains(id)).toList();
            assertEquals(1, owners.size(), () -> id + " is in " + owners.size() + " ranges of " + table);
            assertEquals(owners.getFirst().shard(), table.shardFor(id), id::toString);
        });
    }

    static LongStream seeds() {
        return LongStream.of(1, 2, 3, 42, 1234, 20261121, 0xC0FFEE, 99991, 7, 8);
    }

    private static ForwardingTable randomTable(Random random) {
        int shards = 1 + random.nextInt(8);
        if (random.nextBoolean()) {
            return ForwardingTable.evenly(IntStream.range(0, shards).mapToObj(i -> "s" + i).toList());
        }
        List<Long> starts = new ArrayList<>(random.longs(random.nextInt(20)).boxed().toList());
        starts.add(0L);
        List<HashRange> ranges = starts.stream().distinct().sorted(Long::compareUnsigned)
                .map(s -> new HashRange(new KeyspaceId(s), "s" + random.nextInt(shards))).toList();
        return ForwardingTable.fromStarts(ranges);
    }

    @Test
    void lastRangeOwnsTheTopOfTheSpace() {
        ForwardingTable t = new ForwardingTable(List.of(
                entry(new KeyRange(KeyspaceId.MIN, Optional.of(KeyspaceId.MAX)), "s0"), entry(KeyRange.from(KeyspaceId.MAX), "s1")));
        assertEquals("s1", t.shardFor(KeyspaceId.MAX));
        assertEquals("s0", t.shardFor(new KeyspaceId(-2L)));
    }
}
