package io.shardwire.rewrite.merge;

import java.util.Arrays;

/**
 * The hashable identity of a row's grouping columns: equal exactly when every column compares equal under
 * its {@link ValueComparator}, so {@code 'a'} and {@code 'A '} are one group under utf8mb4_general_ci and
 * {@code 1.5} and {@code 1.50} are one DECIMAL group. NULLs are one group, as in GROUP BY and DISTINCT.
 */
record GroupingKey(Object[] parts) {

    static GroupingKey of(byte[][] row, int[] columns, ValueComparator[] comparators) {
        Object[] parts = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
            parts[i] = comparators[i].groupingKey(row[columns[i]]);
        }
        return new GroupingKey(parts);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GroupingKey other && Arrays.equals(parts, other.parts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(parts);
    }

    @Override
    public String toString() {
        return Arrays.toString(parts);
    }
}
