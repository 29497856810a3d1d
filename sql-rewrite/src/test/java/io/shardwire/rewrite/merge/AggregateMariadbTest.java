package io.shardwire.rewrite.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Merges the partial results MariaDB 10.11 returned per shard and expects exactly the rows and column
 * definitions the same server returned for the whole query over all rows ({@code aggregate-cases.txt}).
 */
class AggregateMariadbTest {

    /**
     * AVG of a FLOAT, DOUBLE(M,D) or FLOAT(M,D) column reports a length derived from the column's own
     * length, which the partial SUM does not carry; the merge reports the largest MariaDB could (see
     * {@link AggregateColumns#avgFromPartialSum}). Everything else about these columns must match.
     */
    private static final Set<String> AVG_LENGTH_UNKNOWN = Set.of("AVG(f)", "AVG(x)", "AVG(y)");

    static Stream<AggregateCases> cases() {
        return AggregateCases.load().stream();
    }

    @ParameterizedTest(name = "ordered: {0}")
    @MethodSource("cases")
    void orderedMergeGivesWhatOneServerGives(AggregateCases c) {
        List<FixtureStream> shards = c.shards().stream().map(AggregateCases.Block::stream).toList();
        List<SortKey> byGroup = c.specs().stream()
                .filter(s -> s instanceof AggregateSpec.GroupKey)
                .map(s -> SortKey.ascending(((AggregateSpec.GroupKey) s).column()))
                .toList();
        OrderedAggregate merge = new OrderedAggregate(new MergeSort(List.copyOf(shards), byGroup), c.specs());
        assertColumns(c.expected().header(), merge.columns());
        assertEquals(c.expected().rows(), Rows.drain(merge));
        assertTrue(shards.stream().allMatch(FixtureStream::closed));
    }

    @ParameterizedTest(name = "hashed: {0}")
    @MethodSource("cases")
    void hashedMergeGivesTheSameGroups(AggregateCases c) {
        List<FixtureStream> shards = c.shards().stream().map(AggregateCases.Block::stream).toList();
        HashAggregate merge = new HashAggregate(new Concat(List.copyOf(shards)), c.specs(), 1000);
        assertColumns(c.expected().header(), merge.columns());
        assertEquals(sorted(c.expected().rows()), sorted(Rows.drain(merge)));
        assertTrue(shards.stream().allMatch(FixtureStream::closed));
    }

    private static void assertColumns(String expectedHeader, List<ColumnInfo> actual) {
        List<ColumnInfo> expected = Rows.columns(expectedHeader);
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            ColumnInfo e = expected.get(i);
            ColumnInfo a = actual.get(i);
            if (AVG_LENGTH_UNKNOWN.contains(e.name()) && AggregateColumns.floating(e)) {
                assertTrue(a.length() >= e.length(), e.name() + " length " + a.length() + " below MariaDB's " + e.length());
                a = new ColumnInfo(a.name(), a.type(), a.flags(), a.collationId(), a.decimals(), e.length());
            }
            assertEquals(Rows.spec(e), Rows.spec(a));
        }
    }

    private static List<String> sorted(List<String> rows) {
        List<String> copy = new ArrayList<>(rows);
        copy.sort(null);
        return copy;
    }
}
