package io.shardwire.protocol.command;

/** COM_STMT_CLOSE (0x19): forget a prepared statement; the server never answers it (MySQL "COM_STMT_CLOSE"). */
public record ComStmtClose(long statementId) implements Command {
}
