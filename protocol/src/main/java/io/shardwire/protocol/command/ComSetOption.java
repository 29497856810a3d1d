package io.shardwire.protocol.command;

/** COM_SET_OPTION: 0 turns multi-statements on, 1 turns them off. */
public record ComSetOption(int option) implements Command {
    public static final int MULTI_STATEMENTS_ON = 0;
    public static final int MULTI_STATEMENTS_OFF = 1;
}
