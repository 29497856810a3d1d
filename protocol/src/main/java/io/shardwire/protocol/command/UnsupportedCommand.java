package io.shardwire.protocol.command;

/** A command byte the proxy does not implement; answered with ER_UNKNOWN_COM_ERROR. */
public record UnsupportedCommand(int code, String name) implements Command {
}
