package io.shardwire.protocol.command;

/** COM_FIELD_LIST (deprecated but still sent by the CLI's auto-rehash): column definitions of one table. */
public record ComFieldList(String table, String wildcard) implements Command {
}
