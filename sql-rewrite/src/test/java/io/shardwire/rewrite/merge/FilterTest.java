package io.shardwire.rewrite.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FilterTest {

    @Test
    void passesTheRowsThePredicateAccepts() {
        FixtureStream input = Rows.stream("g:VAR_STRING|n:LONGLONG", "a|12", "b|3", "c|\\N", "d|11");
        Filter havingMoreThanTen = new Filter(input, row -> row[1] != null && SignedIntegerOrder.parse(row[1]) > 10);
        assertEquals(List.of("a|12", "d|11"), Rows.drain(havingMoreThanTen));
        assertTrue(input.closed());
    }
}
