package io.shardwire.server.execution;

import com.mysql.cj.result.Field;
import io.netty.buffer.ByteBuf;
import io.shardwire.protocol.ServerStatus;
import io.shardwire.protocol.Wire;
import io.shardwire.protocol.packet.ColumnDefinition;
import io.shardwire.protocol.packet.EofPacket;
import io.shardwire.protocol.packet.OkPacket;
import io.shardwire.protocol.packet.TextRow;
import io.shardwire.server.frontend.ClientChannel;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Writes result sets and OK packets to the client in the text protocol (MySQL "Text Resultset"): column
 * count, column definitions, an EOF unless DEPRECATE_EOF, the rows, then EOF or an OK with header 0xFE.
 */
public final class ResultWriter {
    /** Status flags that describe the backend's state in a way that is true for the client too. */
    private static final int FORWARDED_STATUS = ServerStatus.IN_TRANS | ServerStatus.AUTOCOMMIT
            | ServerStatus.MORE_RESULTS_EXISTS | ServerStatus.NO_GOOD_INDEX_USED | ServerStatus.NO_INDEX_USED
            | ServerStatus.DB_DROPPED | ServerStatus.NO_BACKSLASH_ESCAPES | ServerStatus.IN_TRANS_READONLY
            | ServerStatus.QUERY_WAS_SLOW;

    private final ClientChannel out;
    private final boolean deprecateEof;

    public ResultWriter(ClientChannel out, boolean deprecateEof) {
        this.out = out;
        this.deprecateEof = deprecateEof;
    }

    public static int forwardable(int backendStatus) {
        return backendStatus & FORWARDED_STATUS;
    }

    public void columns(List<ColumnDefinition> columns, int statusFlags) {
        out.write(buf -> Wire.writeLenencInt(buf, columns.size()));
        for (ColumnDefinition column : columns) {
            out.write(column::writeTo);
        }
        if (!deprecateEof) {
            out.write(new EofPacket(0, statusFlags)::writeTo);
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

    public void row(byte[][] values) {
        out.write(buf -> TextRow.writeTo(buf, values));
    }

    public void end(int warnings, int statusFlags) {
        if (deprecateEof) {
            out.write(new OkPacket(0, 0, statusFlags, warnings, "")::writeAsEofTo);
        } else {
            out.write(new EofPacket(warnings, statusFlags)::writeTo);
        }
    }

    public void ok(OkPacket ok) {
        out.writeOk(ok);
    }

    /** The backend's column definitions, exactly as Connector/J received them. */
    public static List<ColumnDefinition> columnsOf(ResultSet rs) throws SQLException {
        Field[] fields = rs.getMetaData().unwrap(com.mysql.cj.jdbc.result.ResultSetMetaData.class).getFields();
        ColumnDefinition[] columns = new ColumnDefinition[fields.length];
        for (int i = 0; i < fields.length; i++) {
            Field f = fields[i];
            columns[i] = new ColumnDefinition(f.getDatabaseName(), f.getTableName(), f.getOriginalTableName(),
                    f.getName(), f.getOriginalName(), f.getCollationIndex(), f.getLength(), f.getMysqlTypeId(),
                    f.getFlags() & 0xFFFF, f.getDecimals());
        }
        return List.of(columns);
    }

    /** Streams every row of a text-protocol result set; values are the backend's bytes, undecoded. */
    public long rows(ResultSet rs, int columnCount) throws SQLException {
        long count = 0;
        while (rs.next()) {
            if ((count & 0xFF) == 0 && !out.isOpen()) {
                throw new ClientGoneException();
            }
            ByteBuf payload = out.channel().alloc().ioBuffer(64);
            try {
                for (int i = 1; i <= columnCount; i++) {
                    TextRow.writeValue(payload, rs.getBytes(i));
                }
            } catch (SQLException | RuntimeException e) {
                payload.release();
                throw e;
            }
            out.writePayload(payload);
            count++;
        }
        return count;
    }
}
