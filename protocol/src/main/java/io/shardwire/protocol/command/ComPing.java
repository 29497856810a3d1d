package io.shardwire.protocol.command;

/** COM_PING: answered with OK by the proxy itself. */
public record ComPing() implements Command {
}
