package io.shardwire.protocol.command;

/**
 * A client command, decoded from the first packet of a command phase (MySQL "Text Protocol", "Utility
 * Commands", "Prepared Statements").
 */
public sealed interface Command permits ComQuery, ComInitDb, ComPing, ComQuit, ComFieldList, ComStatistics,
        ComResetConnection, ComSetOption, ComProcessKill, ComDebug, ComStmtPrepare, ComStmtExecute,
        ComStmtSendLongData, ComStmtClose, ComStmtReset, ComStmtFetch, UnsupportedCommand {
}
