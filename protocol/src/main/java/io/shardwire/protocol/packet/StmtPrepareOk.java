package io.shardwire.protocol.packet;

import io.netty.buffer.ByteBuf;
import io.shardwire.protocol.ColumnType;

/**
 * The first packet of MySQL "COM_STMT_PREPARE Response": status 0x00, statement id, column count,
 * parameter count, a reserved 0x00 and the warning count. The parameter definitions and the column
 * definitions follow as separate packets, each block closed by an EOF unless the client has DEPRECATE_EOF.
 */
public record StmtPrepareOk(long statementId, int columns, int parameters, int warnings) {
    private static final int BINARY_COLLATION = 63;
    private static final int BINARY_FLAG = 0x80;

    /**
     * The definition sent for every parameter: a binary column of type NULL named {@code ?}, byte for byte
     * what MariaDB 10.11 sends for a placeholder whose type only the client's bind decides.
     */
    public static final ColumnDefinition PARAMETER = new ColumnDefinition("", "", "", "?", "", BINARY_COLLATION, 0,
            ColumnType.NULL, BINARY_FLAG, 0);

    public void writeTo(ByteBuf out) {
        out.writeByte(0x00);
        out.writeIntLE((int) statementId);
        out.writeShortLE(columns);
        out.writeShortLE(parameters);
        out.writeByte(0x00);
        out.writeShortLE(warnings);
    }
}
