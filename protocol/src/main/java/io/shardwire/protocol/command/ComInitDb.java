package io.shardwire.protocol.command;

/** COM_INIT_DB: change the default schema, what {@code USE db} does. */
public record ComInitDb(String schema) implements Command {
}
