package io.shardwire.protocol.command;

/** COM_STATISTICS: a human-readable status line, what {@code mysqladmin status} prints. */
public record ComStatistics() implements Command {
}
