package io.shardwire.rewrite.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConcatTest {

    private static final String HEADER = "id:LONG|name:VAR_STRING";

    @Test
    void returnsTheShardsOneAfterAnother() {
        FixtureStream first = Rows.stream(HEADER, "3|c", "1|a");
        FixtureStream empty = Rows.stream(HEADER);
        FixtureStream last = Rows.stream(HEADER, "2|\\N");
        Concat concat = new Concat(List.of(first, empty, last));
        assertEquals(List.of("3|c", "1|a", "2|\\N"), Rows.drain(concat));
        assertEquals(Rows.columns(HEADER), concat.columns());
        assertTrue(first.closed() && empty.closed() && last.closed());
    }

    @Test
    void closesEachShardAsSoonAsItIsExhausted() {
        FixtureStream first = Rows.stream(HEADER, "1|a");
        FixtureStream second = Rows.stream(HEADER, "2|b", "3|c");
        Concat concat = new Concat(List.of(first, second));
        concat.next();
        assertFalse(first.closed());
        concat.next();
        assertTrue(first.closed());
        assertFalse(second.closed());
    }

    @Test
    void closeClosesEveryShardOnceAndEndsTheStream() {
        FixtureStream first = Rows.stream(HEADER, "1|a", "2|b");
        FixtureStream second = Rows.stream(HEADER, "3|c");
        Concat concat = new Concat(List.of(first, second));
        concat.next();
        concat.close();
        concat.close();
        assertTrue(first.closed() && second.closed());
        assertNull(concat.next());
    }

    @Test
    void emptyShardsGiveAnEmptyResult() {
        assertEquals(List.of(), Rows.drain(new Concat(List.of(Rows.stream(HEADER), Rows.stream(HEADER)))));
    }
}
