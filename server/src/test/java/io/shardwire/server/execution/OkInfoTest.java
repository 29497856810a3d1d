package io.shardwire.server.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class OkInfoTest {

    @Test
    void updateCountsAddUp() {
        assertEquals("Rows matched: 5  Changed: 3  Warnings: 1", OkInfo.sum(List.of(
                "Rows matched: 2  Changed: 1  Warnings: 0", "", "Rows matched: 3  Changed: 2  Warnings: 1"), 1));
    }

    @Test
    void insertCountsAddUp() {
        assertEquals("Records: 7  Duplicates: 2  Warnings: 0", OkInfo.sum(List.of(
                "Records: 4  Duplicates: 0  Warnings: 0", "Records: 3  Duplicates: 2  Warnings: 0"), 0));
    }

    @Test
    void unknownOrMixedTextsGiveNoText() {
        assertEquals("", OkInfo.sum(List.of("", ""), 0));
        assertEquals("", OkInfo.sum(List.of("Rows matched: 1  Changed: 1  Warnings: 0", "Records: 1  Duplicates: 0  Warnings: 0"), 0));
        assertEquals("", OkInfo.sum(List.of("something else"), 0));
    }
}
