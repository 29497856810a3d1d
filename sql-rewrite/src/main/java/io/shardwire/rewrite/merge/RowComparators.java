package io.shardwire.rewrite.merge;

import java.util.List;

/** The value comparators of chosen columns of a row, with their declared collations where known. */
final class RowComparators {

    private RowComparators() {
    }

    static int[] allColumns(int count) {
        int[] columns = new int[count];
        for (int i = 0; i < count; i++) {
            columns[i] = i;
        }
        return columns;
    }

    /**
     * @param collationIds per entry of {@code columns}, or empty for "as reported" everywhere
     */
    static ValueComparator[] of(List<ColumnInfo> info, int[] columns, List<Integer> collationIds) {
        if (!collationIds.isEmpty() && collationIds.size() != columns.length) {
            throw new IllegalArgumentException(collationIds.size() + " collation ids for " + columns.length + " columns");
        }
        ValueComparator[] comparators = new ValueComparator[columns.length];
        for (int i = 0; i < columns.length; i++) {
            if (columns[i] < 0 || columns[i] >= info.size()) {
                throw new MergeException("column " + columns[i] + " is not among the " + info.size()
                        + " columns of the merged rows");
            }
            int collation = collationIds.isEmpty() ? ValueComparator.AS_REPORTED : collationIds.get(i);
            comparators[i] = ValueComparator.forColumn(info.get(columns[i]), collation);
        }
        return comparators;
    }

    static boolean equal(byte[][] a, byte[][] b, int[] columns, ValueComparator[] comparators) {
        for (int i = 0; i < columns.length; i++) {
            if (comparators[i].compare(a[columns[i]], b[columns[i]]) != 0) {
                return false;
            }
        }
        return true;
    }
}
