package io.shardwire.rewrite.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each case: a header, the sort keys, the shards' sorted rows (shards separated by "--"), the merged rows. */
class MergeSortTest {

    static Stream<Arguments> merges() {
        return Stream.of(
                Arguments.of("integers, ties in shard order", "k:LONG|s:VAR_STRING", List.of(SortKey.ascending(0)),
                        rows("1|a", "3|a", "3|b", "--", "2|c", "3|c", "--", "3|d"),
                        rows("1|a", "2|c", "3|a", "3|b", "3|c", "3|d")),
                Arguments.of("NULL first ascending", "k:LONG|s:VAR_STRING", List.of(SortKey.ascending(0)),
                        rows("\\N|a", "5|a", "--", "\\N|b", "-5|b"),
                        rows("\\N|a", "\\N|b", "-5|b", "5|a")),
                Arguments.of("NULL last descending", "k:LONG|s:VAR_STRING", List.of(SortKey.descending(0)),
                        rows("5|a", "\\N|a", "--", "-5|b", "\\N|b"),
                        rows("5|a", "-5|b", "\\N|a", "\\N|b")),
                Arguments.of("two keys, mixed directions", "k:LONG|s:VAR_STRING",
                        List.of(SortKey.ascending(0), SortKey.descending(1)),
                        rows("1|b", "2|z", "2|a", "--", "1|c", "2|m"),
                        rows("1|c", "1|b", "2|z", "2|m", "2|a")),
                Arguments.of("unsigned BIGINT past the signed range", "u:LONGLONG:unsigned", List.of(SortKey.ascending(0)),
                        rows("1", "18446744073709551615", "--", "9223372036854775808"),
                        rows("1", "9223372036854775808", "18446744073709551615")),
                Arguments.of("negative decimals", "d:NEWDECIMAL:d2", List.of(SortKey.ascending(0)),
                        rows("-10.50", "-1.50", "2.00", "--", "-9.99", "-0.01", "10.00"),
                        rows("-10.50", "-9.99", "-1.50", "-0.01", "2.00", "10.00")),
                Arguments.of("TIME durations", "t:TIME", List.of(SortKey.ascending(0)),
                        rows("-01:00:00", "09:00:00", "--", "00:00:00", "100:00:00"),
                        rows("-01:00:00", "00:00:00", "09:00:00", "100:00:00")),
                Arguments.of("general_ci strings", "s:VAR_STRING", List.of(SortKey.ascending(0)),
                        rows("a", "C", "--", "B", "c"),
                        rows("a", "B", "C", "c")),
                Arguments.of("utf8mb4_bin strings", "s:VAR_STRING:binary", List.of(SortKey.ascending(0)),
                        rows("C", "a", "--", "B", "c"),
                        rows("B", "C", "a", "c")),
                Arguments.of("declared unicode_ci collation", "s:VAR_STRING", List.of(new SortKey(0, false, 224)),
                        rows("_x", "b", "--", "a", "z"),
                        rows("_x", "a", "b", "z")),
                Arguments.of("doubles", "f:DOUBLE", List.of(SortKey.descending(0)),
                        rows("1e20", "2.5", "-1", "--", "10", "0"),
                        rows("1e20", "10", "2.5", "0", "-1")),
                Arguments.of("empty shards", "k:LONG", List.of(SortKey.ascending(0)),
                        rows("--", "2", "--"),
                        rows("2")),
                Arguments.of("every shard empty", "k:LONG", List.of(SortKey.ascending(0)),
                        rows("--"),
                        rows()),
                Arguments.of("no sort keys: shard order", "k:LONG", List.of(),
                        rows("3", "1", "--", "2"),
                        rows("3", "1", "2")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("merges")
    void mergesSortedShards(String name, String header, List<SortKey> keys, List<String> shards, List<String> expected) {
        List<FixtureStream> inputs = shards(header, shards);
        MergeSort merge = new MergeSort(List.copyOf(inputs), keys);
        assertEquals(expected, Rows.drain(merge));
        assertTrue(inputs.stream().allMatch(FixtureStream::closed), "every shard closed at the end");
    }

    @Test
    void holdsOneRowPerShard() {
        FixtureStream a = Rows.stream("k:LONG", "1", "4", "5", "6");
        FixtureStream b = Rows.stream("k:LONG", "2", "3", "7");
        MergeSort merge = new MergeSort(List.of(a, b), List.of(SortKey.ascending(0)));
        assertEquals("1", Rows.render(merge.next()));
        assertEquals(1, a.pulled());
        assertEquals(1, b.pulled());
        assertEquals("2", Rows.render(merge.next()));
        assertEquals("3", Rows.render(merge.next()));
        assertEquals(2, a.pulled());
        assertEquals(2, b.pulled());
    }

    @Test
    void closesAShardWhenItIsExhaustedAndAllOnClose() {
        FixtureStream a = Rows.stream("k:LONG", "1");
        FixtureStream b = Rows.stream("k:LONG", "2", "3", "4");
        MergeSort merge = new MergeSort(List.of(a, b), List.of(SortKey.ascending(0)));
        merge.next();
        assertFalse(a.closed());
        merge.next();
        assertTrue(a.closed());
        assertFalse(b.closed());
        merge.close();
        assertTrue(b.closed());
        assertNull(merge.next());
    }

    @Test
    void aSortKeyOutsideTheRowsIsAMergeError() {
        MergeSort merge = new MergeSort(List.of(Rows.stream("k:LONG", "1")), List.of(SortKey.ascending(3)));
        assertEquals("sort key column 3 is not among the 1 columns of the merged rows",
                assertThrows(MergeException.class, merge::next).getMessage());
    }

    static List<String> rows(String... rows) {
        return List.of(rows);
    }

    static List<FixtureStream> shards(String header, List<String> shards) {
        String joined = String.join("\n", shards);
        return Arrays.stream(("\n" + joined + "\n").split("\n--\n", -1))
                .map(block -> Rows.stream(header, block.lines().filter(l -> !l.isEmpty()).toArray(String[]::new)))
                .toList();
    }
}
