package io.shardwire.protocol.command;

/** COM_STMT_RESET (0x1A): drop the long data sent for a statement; answered with OK (MySQL "COM_STMT_RESET"). */
public record ComStmtReset(long statementId) implements Command {
}
