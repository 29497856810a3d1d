package io.shardwire.rewrite.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * DOUBLE results printed as MariaDB 10.11 prints them ({@code double-text.tsv}: the server's SUM of a
 * DOUBLE column holding each value, for free (31) and fixed decimals, and two AVGs).
 */
class DoubleTextTest {

    @Test
    void printsDoublesAsMariadb() {
        List<String> wrong = new ArrayList<>();
        List<String> lines = Fixtures.lines("double-text.tsv");
        for (String line : lines) {
            String[] f = line.split("\t");
            String printed = DoubleText.format(Double.parseDouble(f[1]), Integer.parseInt(f[2]));
            if (!printed.equals(f[3])) {
                wrong.add(f[0] + " (stored " + f[1] + ") with " + f[2] + " decimals: MariaDB " + f[3] + ", merge " + printed);
            }
        }
        assertEquals(List.of(), wrong);
        assertEquals(224, lines.size(), "fixture lines");
    }

    @Test
    void refusesValuesOutOfRange() {
        assertEquals("a merged DOUBLE is out of range (Infinity)",
                assertThrows(MergeException.class, () -> DoubleText.format(1e308 * 10, 31)).getMessage());
    }
}
