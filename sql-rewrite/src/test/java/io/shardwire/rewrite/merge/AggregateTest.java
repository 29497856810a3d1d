package io.shardwire.rewrite.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shardwire.rewrite.merge.AggregateSpec.AnyValue;
import io.shardwire.rewrite.merge.AggregateSpec.Avg;
import io.shardwire.rewrite.merge.AggregateSpec.Count;
import io.shardwire.rewrite.merge.AggregateSpec.GroupKey;
import io.shardwire.rewrite.merge.AggregateSpec.Max;
import io.shardwire.rewrite.merge.AggregateSpec.Min;
import io.shardwire.rewrite.merge.AggregateSpec.Sum;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Hashed and ordered aggregation must agree; cases that hold for both run against both. */
class AggregateTest {

    /** Partial rows of {@code SELECT g, COUNT(*), SUM(i), COUNT(i), MIN(s), MAX(s), ANY_VALUE(s) ... GROUP BY g}. */
    private static final String PARTIAL = "g:VAR_STRING|n:LONGLONG|sum:NEWDECIMAL:l33|cnt:LONGLONG|min:VAR_STRING"
            + "|max:VAR_STRING|any:VAR_STRING";
    private static final List<AggregateSpec> SPECS = List.of(new GroupKey(0), new Count(1), new Sum(2),
            new Avg(2, 3, "AVG(i)"), new Min(4), new Max(5), new AnyValue(6));

    static Stream<Arguments> aggregators() {
        BiFunction<List<RowStream>, List<AggregateSpec>, RowStream> hashed =
                (shards, specs) -> new HashAggregate(new Concat(shards), specs, 100);
        BiFunction<List<RowStream>, List<AggregateSpec>, RowStream> ordered = (shards, specs) -> new OrderedAggregate(
                new MergeSort(shards, specs.stream().filter(s -> s instanceof GroupKey)
                        .map(s -> SortKey.ascending(((GroupKey) s).column())).toList()), specs);
        return Stream.of(Arguments.of("hashed", hashed), Arguments.of("ordered", ordered));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("aggregators")
    void groupsEqualUnderTheCollationAreOneGroupShownAsFirstSeen(String name,
            BiFunction<List<RowStream>, List<AggregateSpec>, RowStream> aggregate) {
        FixtureStream a = Rows.stream(PARTIAL, "a|2|5|2|x|y|p", "b |1|\\N|0|\\N|\\N|\\N");
        FixtureStream b = Rows.stream(PARTIAL, "A|3|-7|3|W|z|q", "B|1|1|1|k|k|r");
        assertEquals(List.of("a|5|-2|-0.4000|W|z|p", "b |2|1|1.0000|k|k|\\N"), Rows.drain(aggregate.apply(List.of(a, b), SPECS)));
        assertTrue(a.closed() && b.closed());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("aggregators")
    void nullGroupKeysAreOneGroup(String name, BiFunction<List<RowStream>, List<AggregateSpec>, RowStream> aggregate) {
        FixtureStream a = Rows.stream(PARTIAL, "\\N|2|\\N|0|\\N|\\N|\\N");
        FixtureStream b = Rows.stream(PARTIAL, "\\N|3|4|1|m|m|m");
        assertEquals(List.of("\\N|5|4|4.0000|m|m|\\N"), Rows.drain(aggregate.apply(List.of(a, b), SPECS)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("aggregators")
    void scalarAggregateOfNoRowsIsOneRow(String name, BiFunction<List<RowStream>, List<AggregateSpec>, RowStream> aggregate) {
        List<AggregateSpec> scalar = List.of(new Count(1), new Sum(2), new Avg(2, 3, "AVG(i)"), new Min(4), new AnyValue(6));
        RowStream merge = aggregate.apply(List.of(Rows.stream(PARTIAL), Rows.stream(PARTIAL)), scalar);
        assertEquals(List.of("0|\\N|\\N|\\N|\\N"), Rows.drain(merge));
        assertNull(merge.next());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("aggregators")
    void groupedAggregateOfNoRowsIsNoRow(String name, BiFunction<List<RowStream>, List<AggregateSpec>, RowStream> aggregate) {
        assertEquals(List.of(), Rows.drain(aggregate.apply(List.of(Rows.stream(PARTIAL), Rows.stream(PARTIAL)), SPECS)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("aggregators")
    void minAndMaxCompareAsMysql(String name, BiFunction<List<RowStream>, List<AggregateSpec>, RowStream> aggregate) {
        String header = "u:LONGLONG:unsigned|t:TIME|d:NEWDECIMAL:d2|f:DOUBLE";
        FixtureStream a = Rows.stream(header, "18446744073709551615|-01:00:00|-10.50|1e20", "\\N|\\N|\\N|\\N");
        FixtureStream b = Rows.stream(header, "9223372036854775808|100:00:00|-9.99|-5");
        List<AggregateSpec> specs = List.of(new Min(0), new Max(0), new Min(1), new Max(1), new Min(2), new Max(2),
                new Min(3), new Max(3));
        assertEquals(List.of("9223372036854775808|18446744073709551615|-01:00:00|100:00:00|-10.50|-9.99|-5|1e20"),
                Rows.drain(aggregate.apply(List.of(a, b), specs)));
    }

    @Test
    void hashedAggregationFailsPastItsGroupLimit() {
        FixtureStream input = Rows.stream("g:LONG|n:LONGLONG", "1|1", "2|1", "1|1", "3|1");
        HashAggregate merge = new HashAggregate(input, List.of(new GroupKey(0), new Count(1)), 2);
        assertEquals("GROUP BY over several shards needs more than 2 groups in the proxy's memory (limit: 2); raise the"
                + " limit on groups buffered for a merge, or let the shards sort by the GROUP BY columns so the groups"
                + " can be merged in order", assertThrows(MergeException.class, merge::next).getMessage());
        assertTrue(input.closed());
    }

    @Test
    void orderedAggregationStreamsOneGroupAtATime() {
        FixtureStream input = Rows.stream("g:LONG|n:LONGLONG", "1|1", "1|2", "2|5", "3|1", "3|1", "4|1");
        OrderedAggregate merge = new OrderedAggregate(input, List.of(new GroupKey(0), new Count(1)));
        assertEquals("1|3", Rows.render(merge.next()));
        assertEquals(3, input.pulled(), "read up to the first row of the next group only");
        merge.close();
        assertTrue(input.closed());
        assertNull(merge.next());
    }

    @Test
    void orderedAggregationRefusesInputThatIsNotSorted() {
        FixtureStream input = Rows.stream("g:VAR_STRING|n:LONGLONG", "a|1", "c|1", "b|1");
        OrderedAggregate merge = new OrderedAggregate(input, List.of(new GroupKey(0), new Count(1)));
        assertEquals("a|1", Rows.render(merge.next()));
        MergeException e = assertThrows(MergeException.class, merge::next);
        assertTrue(e.getMessage().startsWith("the rows for GROUP BY arrived out of order"), e.getMessage());
        assertTrue(input.closed());
    }

    @Test
    void orderedAggregationFollowsTheGivenInputOrder() {
        FixtureStream input = Rows.stream("g:LONG|h:LONG|n:LONGLONG", "2|1|1", "2|1|1", "1|9|1", "1|2|1");
        List<AggregateSpec> specs = List.of(new GroupKey(1), new GroupKey(0), new Count(2));
        OrderedAggregate merge = new OrderedAggregate(input, specs, List.of(SortKey.descending(0), SortKey.descending(1)));
        assertEquals(List.of("1|2|2", "9|1|1", "2|1|1"), Rows.drain(merge));
    }

    @Test
    void theInputOrderMustCoverEveryGroupColumn() {
        FixtureStream input = Rows.stream("g:LONG|h:LONG|n:LONGLONG", "1|1|1");
        OrderedAggregate merge = new OrderedAggregate(input, List.of(new GroupKey(0), new GroupKey(1), new Count(2)),
                List.of(SortKey.ascending(0)));
        assertEquals("an ordered GROUP BY merge needs its input sorted by every GROUP BY column, but column 1 is not"
                + " among the sort keys [SortKey[column=0, descending=false, collationId=0]]",
                assertThrows(MergeException.class, merge::next).getMessage());
    }

    @Test
    void specsMustReferToColumnsThatExist() {
        HashAggregate merge = new HashAggregate(Rows.stream("n:LONGLONG"), List.of(new Count(3)), 10);
        assertEquals("Count[column=3] refers to column 3, but the partial rows have 1 columns",
                assertThrows(MergeException.class, merge::columns).getMessage());
    }

    @Test
    void aSumOfANonNumericColumnIsARewriteError() {
        HashAggregate merge = new HashAggregate(Rows.stream("s:VAR_STRING"), List.of(new Sum(0)), 10);
        assertEquals("Sum[column=0] needs a numeric partial sum, but column 's' is of type VAR_STRING",
                assertThrows(MergeException.class, merge::columns).getMessage());
    }

    @Test
    void declaredCollationsApplyToGroupKeysAndExtremes() {
        String header = "g:VAR_STRING|s:VAR_STRING|n:LONGLONG";
        int bin = ValueComparator.collationId("utf8mb4_bin");
        int unicode = ValueComparator.collationId("utf8mb4_unicode_ci");
        FixtureStream input = Rows.stream(header, "a|_x|1", "A|b|1", "a|Z|1");
        HashAggregate merge = new HashAggregate(input,
                List.of(new GroupKey(0, bin), new Min(1, unicode), new Max(1, unicode), new Count(2)), 10);
        assertEquals(List.of("a|_x|Z|2", "A|b|b|1"), Rows.drain(merge));
    }

    @Test
    void averageHonoursDivPrecisionIncrement() {
        FixtureStream input = Rows.stream("sum:NEWDECIMAL:d2:l34|cnt:LONGLONG", "10.00|3");
        HashAggregate merge = new HashAggregate(input, List.of(new Avg(0, 1, "AVG(d)", 0)), 10);
        assertEquals("AVG(d):NEWDECIMAL:f32896:c63:d2:l12", Rows.spec(merge.columns().get(0)));
        assertEquals(List.of("3.33"), Rows.drain(merge));
    }
}
