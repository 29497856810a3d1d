package io.shardwire.rewrite.merge;

import java.util.List;

/**
 * Removes duplicates from rows sorted by every column, comparing each row with the previous one only:
 * {@code SELECT DISTINCT country, city FROM customers} sent to the shards as
 * {@code SELECT DISTINCT country, city ... ORDER BY country, city} and merged with {@link MergeSort}
 * brings equal rows together, so no set of seen rows is needed and memory stays at one row. Rows are
 * equal as MySQL compares them (see {@link Distinct}); the first of a run is returned.
 *
 * <p>Owned by the session's worker thread.
 */
public final class OrderedDistinct implements RowStream {

    private final RowStream input;
    private final List<Integer> collationIds;
    private byte[][] previous;
    private int[] columns;
    private ValueComparator[] comparators;
    private boolean closed;

    public OrderedDistinct(RowStream sortedInput) {
        this(sortedInput, List.of());
    }

    /** @param collationIds as for {@link Distinct#Distinct(RowStream, long, List)} */
    public OrderedDistinct(RowStream sortedInput, List<Integer> collationIds) {
        this.input = sortedInput;
        this.collationIds = List.copyOf(collationIds);
    }

    @Override
    public List<ColumnInfo> columns() {
        return input.columns();
    }

    @Override
    public byte[][] next() {
        if (comparators == null && !closed) {
            columns = RowComparators.allColumns(columns().size());
            comparators = RowComparators.of(columns(), columns, collationIds);
        }
        while (!closed) {
            byte[][] row = input.next();
            if (row == null) {
                close();
            } else if (previous == null || !RowComparators.equal(previous, row, columns, comparators)) {
                previous = row;
                return row;
            }
        }
        return null;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            previous = null;
            input.close();
        }
    }
}
