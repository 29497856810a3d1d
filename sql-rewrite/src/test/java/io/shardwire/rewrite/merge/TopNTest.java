package io.shardwire.rewrite.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TopNTest {

    private static final String[] ROWS = {"a|3", "b|10", "c|3", "d|\\N", "e|10", "f|7", "g|3"};

    static Stream<Arguments> limits() {
        return Stream.of(0L, 1L, 2L, 3L, 5L, 7L, 100L).map(Arguments::of);
    }

    @ParameterizedTest(name = "top {0}")
    @MethodSource("limits")
    void returnsTheFirstRowsOfTheStableSort(long limit) {
        List<SortKey> byCountDescending = List.of(SortKey.descending(1));
        List<String> sorted = Rows.drain(new Sort(Rows.stream("g:VAR_STRING|n:LONGLONG", ROWS), byCountDescending, 100));
        FixtureStream input = Rows.stream("g:VAR_STRING|n:LONGLONG", ROWS);
        List<String> top = Rows.drain(new TopN(input, byCountDescending, limit));
        assertEquals(sorted.subList(0, (int) Math.min(limit, sorted.size())), top);
        assertTrue(input.closed());
    }
}
