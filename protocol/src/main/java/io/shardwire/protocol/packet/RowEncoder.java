package io.shardwire.protocol.packet;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * How the rows of a result set go on the wire: as text (answers to COM_QUERY) or binary (answers to
 * COM_STMT_EXECUTE). The rest of a result set, column count, definitions and the closing EOF/OK, is the same
 * in both protocols (MySQL "Text Resultset", "Binary Protocol Resultset").
 */
public sealed interface RowEncoder permits RowEncoder.Text, RowEncoder.Binary {
    RowEncoder TEXT = new Text();
    RowEncoder BINARY = new Binary();

    /** Writes one row's payload; values are text-protocol bytes as a backend sent them, null for SQL NULL. */
    void encode(ByteBuf out, List<ColumnDefinition> columns, byte[][] values);

    /** MySQL "Text Resultset Row". */
    record Text() implements RowEncoder {
        @Override
        public void encode(ByteBuf out, List<ColumnDefinition> columns, byte[][] values) {
            TextRow.writeTo(out, values);
        }
    }

    /** MySQL "Binary Protocol Resultset Row". */
    record Binary() implements RowEncoder {
        @Override
        public void encode(ByteBuf out, List<ColumnDefinition> columns, byte[][] values) {
            BinaryRow.writeTo(out, columns, values);
        }
    }
}
