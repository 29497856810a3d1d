package io.shardwire.rewrite.merge;

import java.util.List;

/**
 * A pull-based stream of result rows, the unit every merge operator consumes and produces. Values are the
 * text-protocol bytes of each column as a MySQL server sends them ({@code null} for SQL NULL), so rows that
 * need no merging pass from backend to client without being decoded.
 *
 * <p>Owned by one thread (the session's worker). {@link #close()} releases what the stream holds (for a
 * backend stream: the rest of its result) and is idempotent.
 */
public interface RowStream extends AutoCloseable {

    /** The columns of every row, in order. */
    List<ColumnInfo> columns();

    /**
     * The next row, or {@code null} at the end.
     *
     * @throws MergeException when a limit is exceeded or a value cannot be merged;
     *     a backend stream may throw its own unchecked exception for backend errors
     */
    byte[][] next();

    @Override
    void close();
}
