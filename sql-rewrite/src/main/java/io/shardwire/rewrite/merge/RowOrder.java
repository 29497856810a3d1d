package io.shardwire.rewrite.merge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The lexicographic row order of a list of sort keys over given columns: the ORDER BY of a merge. */
final class RowOrder implements Comparator<byte[][]> {

    private final int[] columns;
    private final boolean[] descending;
    private final ValueComparator[] comparators;

    private RowOrder(int[] columns, boolean[] descending, ValueComparator[] comparators) {
        this.columns = columns;
        this.descending = descending;
        this.comparators = comparators;
    }

    static RowOrder of(List<SortKey> keys, List<ColumnInfo> columns) {
        int[] indexes = new int[keys.size()];
        boolean[] descending = new boolean[keys.size()];
        ValueComparator[] comparators = new ValueComparator[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            SortKey key = keys.get(i);
            if (key.column() < 0 || key.column() >= columns.size()) {
                throw new MergeException("sort key column " + key.column() + " is not among the "
                        + columns.size() + " columns of the merged rows");
            }
            indexes[i] = key.column();
            descending[i] = key.descending();
            comparators[i] = ValueComparator.forColumn(columns.get(key.column()), key.collationId());
        }
        return new RowOrder(indexes, descending, comparators);
    }

    /** Ascending on every column, as an ordered DISTINCT or a default GROUP BY needs. */
    static List<SortKey> ascendingOn(int[] columns, int[] collationIds) {
        List<SortKey> keys = new ArrayList<>(columns.length);
        for (int i = 0; i < columns.length; i++) {
            keys.add(new SortKey(columns[i], false, collationIds[i]));
        }
        return keys;
    }

    @Override
    public int compare(byte[][] a, byte[][] b) {
        for (int i = 0; i < columns.length; i++) {
            int c = comparators[i].compare(a[columns[i]], b[columns[i]]);
            if (c != 0) {
                return descending[i] ? -c : c;
            }
        }
        return 0;
    }
}
