package io.shardwire.benchmarks;

import java.util.SplittableRandom;

/**
 * Values shaped like sysbench's {@code sbtest} rows ({@code id INT, k INT, c CHAR(120), pad CHAR(60)}): {@code c}
 * is ten groups of 11 digits joined by '-', {@code pad} five. Seeded, so every run measures the same text.
 */
final class SysbenchValues {
    private final SplittableRandom random = new SplittableRandom(42);

    /** sysbench's {@code c} column: 119 characters. */
    String c() {
        return digitGroups(10);
    }

    /** sysbench's {@code pad} column: 59 characters. */
    String pad() {
        return digitGroups(5);
    }

    int id() {
        return random.nextInt(1, 100_001);
    }

    private String digitGroups(int groups) {
        StringBuilder text = new StringBuilder(groups * 12);
        for (int g = 0; g < groups; g++) {
            if (g > 0) {
                text.append('-');
            }
            for (int d = 0; d < 11; d++) {
                text.append((char) ('0' + random.nextInt(10)));
            }
        }
        return text.toString();
    }
}
