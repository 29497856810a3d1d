package io.shardwire.protocol.command;

/** COM_STMT_FETCH (0x1C): the next {@code rows} rows of an open cursor (MySQL "COM_STMT_FETCH"). */
public record ComStmtFetch(long statementId, long rows) implements Command {
}
