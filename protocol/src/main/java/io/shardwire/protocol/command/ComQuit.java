package io.shardwire.protocol.command;

/** COM_QUIT: the client is leaving; no answer, close the connection. */
public record ComQuit() implements Command {
}
