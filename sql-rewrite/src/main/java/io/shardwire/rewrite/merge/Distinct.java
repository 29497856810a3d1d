package io.shardwire.rewrite.merge;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Removes duplicate rows across shards, remembering the rows it has returned: for
 * {@code SELECT DISTINCT country FROM customers} each shard returns its own distinct countries, but
 * {@code 'FR'} may come from every shard. Rows are duplicates when every column compares equal as MySQL
 * compares it ({@code 'fr'} and {@code 'FR'} under a {@code _ci} collation, {@code 1.5} and {@code 1.50}),
 * and the first one seen is returned. It streams, returning each new row at once, but the set of rows seen
 * grows with the number of distinct rows, so it is bounded: past {@code maxRows} it fails with a
 * {@link MergeException} rather than exhaust the heap. When the shards can sort by every column,
 * {@link OrderedDistinct} needs no memory.
 *
 * <p>Owned by the session's worker thread.
 */
public final class Distinct implements RowStream {

    private final RowStream input;
    private final long maxRows;
    private final List<Integer> collationIds;
    private Set<GroupingKey> seen;
    private int[] columns;
    private ValueComparator[] comparators;
    private boolean closed;

    public Distinct(RowStream input, long maxRows) {
        this(input, maxRows, List.of());
    }

    /**
     * @param collationIds the declared collation of each column ({@link ValueComparator#AS_REPORTED} for
     *     those not known); empty when none is known
     */
    public Distinct(RowStream input, long maxRows, List<Integer> collationIds) {
        this.input = input;
        this.maxRows = maxRows;
        this.collationIds = List.copyOf(collationIds);
    }

    @Override
    public List<ColumnInfo> columns() {
        return input.columns();
    }

    @Override
    public byte[][] next() {
        if (seen == null && !closed) {
            seen = new HashSet<>();
            columns = RowComparators.allColumns(columns().size());
            comparators = RowComparators.of(columns(), columns, collationIds);
        }
        while (!closed) {
            byte[][] row = input.next();
            if (row == null) {
                close();
            } else if (seen.add(GroupingKey.of(row, columns, comparators))) {
                if (seen.size() > maxRows) {
                    close();
                    throw new MergeException("DISTINCT over several shards needs more than " + maxRows
                            + " distinct rows in the proxy's memory (limit: " + maxRows + "); raise the limit on"
                            + " rows buffered for a merge, or narrow the query");
                }
                return row;
            }
        }
        return null;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            seen = null;
            input.close();
        }
    }
}
