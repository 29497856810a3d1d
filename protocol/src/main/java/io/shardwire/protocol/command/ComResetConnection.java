package io.shardwire.protocol.command;

/** COM_RESET_CONNECTION: drop session state (variables, temp tables, prepared statements) without re-authenticating. */
public record ComResetConnection() implements Command {
}
