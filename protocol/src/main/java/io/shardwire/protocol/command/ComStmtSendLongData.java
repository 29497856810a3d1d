package io.shardwire.protocol.command;

/**
 * COM_STMT_SEND_LONG_DATA (0x18): one chunk of a parameter's value, sent before COM_STMT_EXECUTE; chunks for
 * the same parameter are appended (MySQL "COM_STMT_SEND_LONG_DATA"). The server never answers it.
 */
public record ComStmtSendLongData(long statementId, int parameterId, byte[] data) implements Command {
}
