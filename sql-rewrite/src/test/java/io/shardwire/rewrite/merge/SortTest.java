package io.shardwire.rewrite.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SortTest {

    @Test
    void sortsMergedRowsStably() {
        FixtureStream input = Rows.stream("g:VAR_STRING|n:LONGLONG", "a|3", "b|10", "c|3", "d|\\N", "e|10");
        Sort byCountDescending = new Sort(input, List.of(SortKey.descending(1)), 10);
        assertEquals(List.of("b|10", "e|10", "a|3", "c|3", "d|\\N"), Rows.drain(byCountDescending));
        assertTrue(input.closed());
    }

    @Test
    void failsPastItsBound() {
        FixtureStream input = Rows.stream("n:LONG", "3", "2", "1");
        Sort sort = new Sort(input, List.of(SortKey.ascending(0)), 2);
        assertEquals("ORDER BY after the merge needs more than 2 rows in the proxy's memory (limit: 2); raise the limit"
                + " on rows buffered for a merge, or add a LIMIT or a narrower WHERE",
                assertThrows(MergeException.class, sort::next).getMessage());
        assertTrue(input.closed());
    }
}
