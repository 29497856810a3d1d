package io.shardwire.rewrite.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DistinctTest {

    private static final String HEADER = "country:VAR_STRING|price:NEWDECIMAL:d2";

    @Test
    void keepsTheFirstOfRowsEqualAsMysqlComparesThem() {
        FixtureStream a = Rows.stream(HEADER, "fr|1.50", "de|\\N", "FR|1.50");
        FixtureStream b = Rows.stream(HEADER, "fr |1.5", "de|\\N", "de|0.00", "es|1.50");
        Distinct distinct = new Distinct(new Concat(List.of(a, b)), 100);
        assertEquals(List.of("fr|1.50", "de|\\N", "de|0.00", "es|1.50"), Rows.drain(distinct));
        assertTrue(a.closed() && b.closed());
    }

    @Test
    void declaredCollationsDecideEquality() {
        FixtureStream input = Rows.stream(HEADER, "fr|1.50", "FR|1.50");
        Distinct distinct = new Distinct(input, 100, List.of(ValueComparator.collationId("utf8mb4_bin"), 0));
        assertEquals(List.of("fr|1.50", "FR|1.50"), Rows.drain(distinct));
    }

    @Test
    void failsPastItsBoundAndClosesTheInput() {
        FixtureStream input = Rows.stream("k:LONG", "1", "1", "2", "3");
        Distinct distinct = new Distinct(input, 2);
        assertEquals("1", Rows.render(distinct.next()));
        assertEquals("2", Rows.render(distinct.next()));
        MergeException e = org.junit.jupiter.api.Assertions.assertThrows(MergeException.class, distinct::next);
        assertEquals("DISTINCT over several shards needs more than 2 distinct rows in the proxy's memory (limit: 2);"
                + " raise the limit on rows buffered for a merge, or narrow the query", e.getMessage());
        assertTrue(input.closed());
    }

    @Test
    void orderedDistinctComparesWithThePreviousRowOnly() {
        FixtureStream a = Rows.stream(HEADER, "de|1.00", "fr|1.50", "fr|2.00");
        FixtureStream b = Rows.stream(HEADER, "DE|1.0", "fr|\\N", "fr|1.5");
        MergeSort sorted = new MergeSort(List.of(a, b), List.of(SortKey.ascending(0), SortKey.ascending(1)));
        assertEquals(List.of("de|1.00", "fr|\\N", "fr|1.50", "fr|2.00"), Rows.drain(new OrderedDistinct(sorted)));
        assertTrue(a.closed() && b.closed());
    }
}
