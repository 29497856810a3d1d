package io.shardwire.shardmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class RangeListTest {

    private static final RangeList BY_DATE = new RangeList(List.of(
            new RangeBound("2025-01-01", "s0"), new RangeBound("2026-01-01", "s1"), new RangeBound(null, "s2")));
    private static final RangeList BY_NUMBER = new RangeList(List.of(
            new RangeBound("10", "s0"), new RangeBound("100", "s1"), new RangeBound(null, "s2")));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1970-01-01          | s0
            2024-12-31 23:59:59 | s0
            2025-01-01          | s1
            2025-1-1 00:00:01   | s1
            2025-12-31          | s1
            2026-01-01          | s2
            9999-12-31          | s2
            """)
    void datetimeKeyAgainstDateBounds(String value, String shard) {
        assertEquals(shard, BY_DATE.shardFor(value, KeyType.DATETIME));
    }

    @ParameterizedTest(name = "{1} as {0} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            INTEGER | -5    | s0
            INTEGER | 9     | s0
            INTEGER | 9.6   | s1
            INTEGER | 10    | s1
            INTEGER | 99    | s1
            INTEGER | 100   | s2
            DECIMAL | 9.99  | s0
            DECIMAL | 10.00 | s1
            DECIMAL | 99.5  | s1
            """)
    void numericKeys(ValueType type, String value, String shard) {
        assertEquals(shard, BY_NUMBER.shardFor(value, KeyType.of(type)));
    }

    @Test
    void stringKeysCompareAsStrings() {
        RangeList byName = new RangeList(List.of(new RangeBound("g", "s0"), new RangeBound("n", "s1"), new RangeBound(null, "s2")));
        assertEquals("s0", byName.shardFor("alice", KeyType.BINARY_STRING));
        assertEquals("s0", byName.shardFor("Zed", KeyType.BINARY_STRING)); // 'Z' < 'g' byte for byte
        assertEquals("s2", byName.shardFor("Zed", KeyType.string(true, true)));
        assertEquals("s1", byName.shardFor("g", KeyType.BINARY_STRING));
    }

    /** Property: a value lands in the first range whose bound is above it (linear scan as the oracle). */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void binarySearchAgreesWithLinearScan(long seed) {
        Random random = new Random(seed);
        List<Long> sorted = random.longs(1 + random.nextInt(12), -1000, 1000).distinct().sorted().boxed().toList();
        List<RangeBound> bounds = new ArrayList<>();
        sorted.forEach(b -> bounds.add(new RangeBound(b.toString(), "s" + bounds.size())));
        bounds.add(new RangeBound(null, "last"));
        RangeList list = new RangeList(bounds);
        for (long v = -1100; v <= 1100; v++) {
            long value = v;
            String expected = bounds.stream().filter(b -> b.isLast() || value < Long.parseLong(b.below()))
                    .findFirst().orElseThrow().shard();
            assertEquals(expected, list.shardFor(value, KeyType.INTEGER), () -> "value " + value);
        }
    }

    static LongStream seeds() {
        return LongStream.of(1, 2, 3, 17, 42, 2026);
    }

    @Test
    void structureIsChecked() {
        assertEquals("a range table needs at least one range",
                assertThrows(IllegalArgumentException.class, () -> new RangeList(List.of())).getMessage());
        assertEquals("range 0 has no bound, but only the last range may omit 'below'",
                assertThrows(IllegalArgumentException.class,
                        () -> new RangeList(List.of(new RangeBound(null, "s0"), new RangeBound(null, "s1")))).getMessage());
        assertEquals("the last range must omit 'below' (it takes every value up to MAXVALUE)",
                assertThrows(IllegalArgumentException.class, () -> new RangeList(List.of(new RangeBound("5", "s0")))).getMessage());
        assertEquals("s0", new RangeList(List.of(new RangeBound(null, "s0"))).shardFor("anything", KeyType.BINARY_STRING));
    }

    @Test
    void orderIsCheckedUnderTheColumnType() {
        RangeList numbersAsText = new RangeList(List.of(new RangeBound("9", "s0"), new RangeBound("10", "s1"), new RangeBound(null, "s2")));
        numbersAsText.checkOrderedUnder(KeyType.INTEGER);
        assertEquals("bound '10' is not above the previous bound '9' when compared as string",
                assertThrows(IllegalArgumentException.class, () -> numbersAsText.checkOrderedUnder(KeyType.BINARY_STRING)).getMessage());
        assertEquals("bound '2025-01-01' is not a valid integer",
                assertThrows(IllegalArgumentException.class, () -> BY_DATE.checkOrderedUnder(KeyType.INTEGER)).getMessage());
    }
}
