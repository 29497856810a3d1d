package io.shardwire.server.execution;

import io.shardwire.protocol.packet.ColumnDefinition;
import io.shardwire.rewrite.merge.ColumnInfo;
import io.shardwire.rewrite.merge.RowStream;
import io.shardwire.server.backend.BackendConnection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * One shard's streamed result as a {@link RowStream}: values are the backend's text-protocol bytes. A backend
 * error while reading surfaces as {@link BackendStreamException} carrying the original SQLException.
 *
 * <p>Owned by the session's worker thread.
 */
final class BackendRowStream implements RowStream {
    private final BackendConnection connection;
    private final Statement statement;
    private final ResultSet resultSet;
    private final List<ColumnDefinition> definitions;
    private final List<ColumnInfo> columns;
    private boolean closed;

    BackendRowStream(BackendConnection connection, Statement statement, ResultSet resultSet) throws SQLException {
        this.connection = connection;
        this.statement = statement;
        this.resultSet = resultSet;
        this.definitions = ResultWriter.columnsOf(resultSet);
        List<ColumnInfo> infos = new ArrayList<>();
        for (ColumnDefinition d : definitions) {
            infos.add(new ColumnInfo(d.name(), d.type(), d.flags(), d.collationId(), d.decimals(), d.length()));
        }
        this.columns = List.copyOf(infos);
    }

    BackendConnection connection() {
        return connection;
    }

    List<ColumnDefinition> definitions() {
        return definitions;
    }

    @Override
    public List<ColumnInfo> columns() {
        return columns;
    }

    @Override
    public byte[][] next() {
        try {
            if (closed || !resultSet.next()) {
                return null;
            }
            byte[][] row = new byte[columns.size()][];
            for (int i = 0; i < row.length; i++) {
                row[i] = resultSet.getBytes(i + 1);
            }
            return row;
        } catch (SQLException e) {
            throw new BackendStreamException(connection.pool().name(), e);
        }
    }

    /** Reads the rest of the result so the connection can be reused; callers abort instead when that is too long. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            resultSet.close();
            statement.close();
        } catch (SQLException e) {
            // the connection is judged in ScatterExecutor: a broken one is evicted there
        }
    }

    /** A backend error while streaming; the merge operators only see unchecked exceptions. */
    static final class BackendStreamException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String shard;

        BackendStreamException(String shard, SQLException cause) {
            super(cause.getMessage(), cause);
            this.shard = shard;
        }

        String shard() {
            return shard;
        }

        SQLException sqlException() {
            return (SQLException) getCause();
        }
    }
}
