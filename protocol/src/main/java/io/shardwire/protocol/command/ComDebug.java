package io.shardwire.protocol.command;

/** COM_DEBUG: asks the server to dump debug info to its log; answered with OK (or EOF for old clients). */
public record ComDebug() implements Command {
}
