package io.shardwire.server.execution;

import com.mysql.cj.result.Field;
import io.netty.buffer.ByteBuf;
import io.shardwire.protocol.ServerStatus;
import io.shardwire.protocol.Wire;
import io.shardwire.protocol.packet.ColumnDefinition;
import io.shardwire.protocol.packet.EofPacket;
import io.shardwire.protocol.packet.OkPacket;
import io.shardwire.protocol.packet.RowEncoder;
import io.shardwire.server.frontend.ClientChannel;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes result sets and OK packets to the client (MySQL "Text Resultset", "Binary Protocol Resultset"):
 * column count, column definitions, an EOF unless DEPRECATE_EOF, the rows, then EOF or an OK with header
 * 0xFE. The two protocols differ only in how a row is encoded, which the {@link RowEncoder} decides.
 *
 * <p>Owned by the session's worker thread; it remembers the columns of the result set being written.
 */
public final class ResultWriter {
    /** Status flags that describe the backend's state in a way that is true for the client too. */
    private static final int FORWARDED_STATUS = ServerStatus.IN_TRANS | ServerStatus.AUTOCOMMIT
            | ServerStatus.MORE_RESULTS_EXISTS | ServerStatus.NO_GOOD_INDEX_USED | ServerStatus.NO_INDEX_USED
            | ServerStatus.DB_DROPPED | ServerStatus.NO_BACKSLASH_ESCAPES | ServerStatus.IN_TRANS_READONLY
            | ServerStatus.QUERY_WAS_SLOW;

    private final ClientChannel out;
    private final boolean deprecateEof;
    private final RowEncoder rowEncoder;
    private final CursorBuffer cursor;
    private List<ColumnDefinition> columns = List.of();
    private long rowsSent;

    /** A writer for text-protocol answers (COM_QUERY). */
    public ResultWriter(ClientChannel out, boolean deprecateEof) {
        this(out, deprecateEof, RowEncoder.TEXT, null);
    }

    private ResultWriter(ClientChannel out, boolean deprecateEof, RowEncoder rowEncoder, CursorBuffer cursor) {
        this.out = out;
        this.deprecateEof = deprecateEof;
        this.rowEncoder = rowEncoder;
        this.cursor = cursor;
    }

    /** A writer for the answer to COM_STMT_EXECUTE: binary rows. */
    public static ResultWriter forExecute(ClientChannel out, boolean deprecateEof) {
        return new ResultWriter(out, deprecateEof, RowEncoder.BINARY, null);
    }

    /**
     * A writer for a COM_STMT_EXECUTE that asked for a cursor: a result set's rows go into {@code cursor}, and
     * the client gets the column definitions and a status with SERVER_STATUS_CURSOR_EXISTS once the whole
     * result is in (MySQL "COM_STMT_EXECUTE Response" with a cursor); COM_STMT_FETCH then reads the rows.
     */
    public static ResultWriter forCursor(ClientChannel out, boolean deprecateEof, CursorBuffer cursor) {
        return new ResultWriter(out, deprecateEof, RowEncoder.BINARY, cursor);
    }

    public static int forwardable(int backendStatus) {
        return backendStatus & FORWARDED_STATUS;
    }

    public void columns(List<ColumnDefinition> columns, int statusFlags) {
        this.columns = columns;
        if (cursor != null) {
            cursor.start(columns);
            return;
        }
        writeColumns(columns);
        if (!deprecateEof) {
            out.write(new EofPacket(0, statusFlags)::writeTo);
        }
    }

    private void writeColumns(List<ColumnDefinition> columns) {
        out.write(buf -> Wire.writeLenencInt(buf, columns.size()));
        for (ColumnDefinition column : columns) {
            out.write(column::writeTo);
        }
    }

    /** A column of a COM_FIELD_LIST answer: the definition followed by an empty default value. */
    public void fieldListColumn(ColumnDefinition column) {
        out.write(buf -> {
            column.writeTo(buf);
            buf.writeByte(0xFB);
        });
    }

    public boolean clientOpen() {
        return out.isOpen();
    }

    /** A row of the result set whose {@link #columns} were written last; values in text-protocol form. */
    public void row(byte[][] values) {
        rowsSent++;
        if (cursor == null) {
            out.write(buf -> rowEncoder.encode(buf, columns, values)); // encoded in place, in the packet being framed
            return;
        }
        ByteBuf payload = out.channel().alloc().ioBuffer(64);
        try {
            rowEncoder.encode(payload, columns, values);
            cursor.add(payload);
        } finally {
            payload.release();
        }
    }

    public void end(int warnings, int statusFlags) {
        if (cursor != null) {
            // the result is complete: now the client learns its columns and that a cursor holds the rows
            writeColumns(columns);
            status(warnings, statusFlags | ServerStatus.CURSOR_EXISTS);
            return;
        }
        status(warnings, statusFlags);
    }

    /** The EOF packet, or with DEPRECATE_EOF the OK packet with header 0xFE, that ends a block of a result. */
    public void status(int warnings, int statusFlags) {
        if (deprecateEof) {
            out.write(new OkPacket(0, 0, statusFlags, warnings, "")::writeAsEofTo);
        } else {
            out.write(new EofPacket(warnings, statusFlags)::writeTo);
        }
    }

    public void ok(OkPacket ok) {
        out.writeOk(ok);
    }

    /** Rows written (or put into the cursor) by this writer so far: the statement statistics' rows sent. */
    public long rowsSent() {
        return rowsSent;
    }

    /** The backend's column definitions, exactly as Connector/J received them. */
    public static List<ColumnDefinition> columnsOf(ResultSet rs) throws SQLException {
        return columnsOf(rs.getMetaData().unwrap(com.mysql.cj.jdbc.result.ResultSetMetaData.class).getFields());
    }

    /** Connector/J's fields (of a result set or of a server-side prepare) as the backend sent them. */
    public static List<ColumnDefinition> columnsOf(Field[] fields) {
        return BackendFields.toColumnDefinitions(fields);
    }

    /** Streams every row of a text-protocol result set; values are the backend's bytes, undecoded. */
    public long rows(ResultSet rs, int columnCount) throws SQLException {
        return rows(rs, columnCount, () -> { });
    }

    /** Something to do every few hundred rows of a streaming result, e.g. act on a KILL QUERY. */
    @FunctionalInterface
    public interface Checkpoint {
        void reached() throws SQLException;
    }

    /** As {@link #rows(ResultSet, int)}, reaching {@code checkpoint} every 256 rows. */
    public long rows(ResultSet rs, int columnCount, Checkpoint checkpoint) throws SQLException {
        long count = 0;
        byte[][] values = new byte[columnCount][];
        while (rs.next()) {
            if ((count & 0xFF) == 0) {
                if (!out.isOpen()) {
                    throw new ClientGoneException();
                }
                checkpoint.reached();
            }
            for (int i = 1; i <= columnCount; i++) {
                values[i - 1] = rs.getBytes(i);
            }
            row(values);
            count++;
        }
        return count;
    }
}
