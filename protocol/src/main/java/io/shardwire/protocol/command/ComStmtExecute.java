package io.shardwire.protocol.command;

/**
 * COM_STMT_EXECUTE (0x17), its fixed part (MySQL "COM_STMT_EXECUTE"): statement id, flags (cursor type) and
 * iteration count (always 1). The rest, the NULL bitmap, the new-params-bound flag, the parameter types and
 * values, can only be read once the statement's parameter count is known, so it is kept as bytes for
 * {@link io.shardwire.protocol.binary.ExecuteParameters#parse}.
 */
public record ComStmtExecute(long statementId, int flags, long iterationCount, byte[] parameters) implements Command {
    /** CURSOR_TYPE_READ_ONLY: the client asks for a server-side cursor (Connector/J {@code useCursorFetch}). */
    public static final int CURSOR_TYPE_READ_ONLY = 0x01;

    public boolean cursorRequested() {
        return (flags & CURSOR_TYPE_READ_ONLY) != 0;
    }
}
