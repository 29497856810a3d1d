package io.shardwire.protocol.command;

import io.netty.buffer.ByteBuf;
import io.shardwire.protocol.MalformedPacketException;
import io.shardwire.protocol.Wire;
import java.nio.charset.StandardCharsets;

/** Turns the payload of a command-phase packet into a {@link Command} (MySQL "Command Phase"). */
public final class CommandDecoder {
    private static final String[] NAMES = {
        "COM_SLEEP", "COM_QUIT", "COM_INIT_DB", "COM_QUERY", "COM_FIELD_LIST", "COM_CREATE_DB", "COM_DROP_DB",
        "COM_REFRESH", "COM_SHUTDOWN", "COM_STATISTICS", "COM_PROCESS_INFO", "COM_CONNECT", "COM_PROCESS_KILL",
        "COM_DEBUG", "COM_PING", "COM_TIME", "COM_DELAYED_INSERT", "COM_CHANGE_USER", "COM_BINLOG_DUMP",
        "COM_TABLE_DUMP", "COM_CONNECT_OUT", "COM_REGISTER_SLAVE", "COM_STMT_PREPARE", "COM_STMT_EXECUTE",
        "COM_STMT_SEND_LONG_DATA", "COM_STMT_CLOSE", "COM_STMT_RESET", "COM_SET_OPTION", "COM_STMT_FETCH",
        "COM_DAEMON", "COM_BINLOG_DUMP_GTID", "COM_RESET_CONNECTION",
    };

    private CommandDecoder() {
    }

    public static Command decode(ByteBuf payload) {
        Wire.need(payload, 1, "command byte");
        int code = payload.readUnsignedByte();
        return switch (code) {
            case 0x01 -> new ComQuit();
            case 0x02 -> new ComInitDb(Wire.readRestString(payload, StandardCharsets.UTF_8));
            case 0x03 -> new ComQuery(Wire.readRestBytes(payload));
            case 0x04 -> fieldList(payload);
            case 0x09 -> new ComStatistics();
            case 0x0C -> {
                Wire.need(payload, 4, "COM_PROCESS_KILL connection id");
                yield new ComProcessKill(payload.readUnsignedIntLE());
            }
            case 0x0D -> new ComDebug();
            case 0x0E -> new ComPing();
            case 0x16 -> new ComStmtPrepare(Wire.readRestBytes(payload));
            case 0x17 -> execute(payload);
            case 0x18 -> {
                Wire.need(payload, 6, "COM_STMT_SEND_LONG_DATA statement and parameter id");
                yield new ComStmtSendLongData(payload.readUnsignedIntLE(), payload.readUnsignedShortLE(),
                        Wire.readRestBytes(payload));
            }
            case 0x19 -> new ComStmtClose(statementId(payload, "COM_STMT_CLOSE"));
            case 0x1A -> new ComStmtReset(statementId(payload, "COM_STMT_RESET"));
            case 0x1C -> {
                long id = statementId(payload, "COM_STMT_FETCH");
                Wire.need(payload, 4, "COM_STMT_FETCH row count");
                yield new ComStmtFetch(id, payload.readUnsignedIntLE());
            }
            case 0x1B -> {
                Wire.need(payload, 2, "COM_SET_OPTION option");
                yield new ComSetOption(payload.readUnsignedShortLE());
            }
            case 0x1F -> new ComResetConnection();
            default -> new UnsupportedCommand(code, nameOf(code));
        };
    }

    public static String nameOf(int code) {
        return code >= 0 && code < NAMES.length ? NAMES[code] : String.format("0x%02X", code);
    }

    /** The fixed part of COM_STMT_EXECUTE; the parameters need the statement's parameter count to be read. */
    private static Command execute(ByteBuf payload) {
        long id = statementId(payload, "COM_STMT_EXECUTE");
        Wire.need(payload, 5, "COM_STMT_EXECUTE flags and iteration count");
        int flags = payload.readUnsignedByte();
        long iterations = payload.readUnsignedIntLE();
        return new ComStmtExecute(id, flags, iterations, Wire.readRestBytes(payload));
    }

    private static long statementId(ByteBuf payload, String command) {
        Wire.need(payload, 4, command + " statement id");
        return payload.readUnsignedIntLE();
    }

    private static Command fieldList(ByteBuf payload) {
        int end = payload.indexOf(payload.readerIndex(), payload.writerIndex(), (byte) 0);
        if (end < 0) {
            throw new MalformedPacketException("COM_FIELD_LIST: table name is not NUL-terminated");
        }
        String table = Wire.readNulString(payload);
        String wildcard = Wire.readRestString(payload, StandardCharsets.UTF_8);
        return new ComFieldList(table, wildcard);
    }
}
