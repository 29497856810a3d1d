package io.shardwire.rewrite.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LimitTest {

    static Stream<Arguments> limits() {
        return Stream.of(
                Arguments.of(0L, 2L, List.of("1", "2"), 2),
                Arguments.of(2L, 2L, List.of("3", "4"), 4),
                Arguments.of(4L, 10L, List.of("5"), 5),
                Arguments.of(5L, 1L, List.of(), 5),
                Arguments.of(10L, 3L, List.of(), 5),
                Arguments.of(0L, 0L, List.of(), 0),
                Arguments.of(3L, 0L, List.of(), 0),
                Arguments.of(0L, Long.MAX_VALUE, List.of("1", "2", "3", "4", "5"), 5));
    }

    @ParameterizedTest(name = "LIMIT {0}, {1}")
    @MethodSource("limits")
    void skipsTheOffsetAndStopsAfterTheCount(long offset, long count, List<String> expected, int pulled) {
        FixtureStream input = Rows.stream("k:LONG", "1", "2", "3", "4", "5");
        Limit limit = new Limit(input, offset, count);
        assertEquals(expected, Rows.drain(limit));
        assertEquals(pulled, input.pulled(), "rows read from the input");
        assertTrue(input.closed());
        assertNull(limit.next());
    }

    @Test
    void closesTheInputAsSoonAsTheLastRowIsReturned() {
        FixtureStream input = Rows.stream("k:LONG", "1", "2", "3");
        Limit limit = new Limit(input, 1, 1);
        assertEquals("2", Rows.render(limit.next()));
        assertTrue(input.closed(), "closed before the client asks for more");
    }

    @Test
    void closesEveryShardOfAMergeUnderneathEarly() {
        FixtureStream a = Rows.stream("k:LONG", "1", "3", "5", "7");
        FixtureStream b = Rows.stream("k:LONG", "2", "4", "6", "8");
        Limit limit = new Limit(new MergeSort(List.of(a, b), List.of(SortKey.ascending(0))), 1, 2);
        assertEquals(List.of("2", "3"), Rows.drain(limit));
        assertTrue(a.closed() && b.closed());
        assertEquals(2, a.pulled());
        assertEquals(2, b.pulled());
    }
}
