package io.shardwire.protocol.command;

/** COM_PROCESS_KILL: kill the connection with this id (the proxy's own connection ids). */
public record ComProcessKill(long connectionId) implements Command {
}
