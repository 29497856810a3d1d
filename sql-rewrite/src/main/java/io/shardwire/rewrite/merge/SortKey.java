package io.shardwire.rewrite.merge;

/**
 * One ORDER BY term of a merge, by column index in the rows being merged.
 *
 * @param column the column's index (0-based) in the merged rows, which may be a derived column the
 *     rewriter appended for the sort
 * @param descending whether the term is DESC (NULLs then come last)
 * @param collationId the column's declared collation for a string column when the rewriter knows it
 *     (see {@link ValueComparator}), or {@link ValueComparator#AS_REPORTED}
 */
public record SortKey(int column, boolean descending, int collationId) {

    public SortKey(int column, boolean descending) {
        this(column, descending, ValueComparator.AS_REPORTED);
    }

    public static SortKey ascending(int column) {
        return new SortKey(column, false);
    }

    public static SortKey descending(int column) {
        return new SortKey(column, true);
    }
}
