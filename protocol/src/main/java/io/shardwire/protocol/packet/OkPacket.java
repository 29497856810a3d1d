package io.shardwire.protocol.packet;

import io.netty.buffer.ByteBuf;
import io.shardwire.protocol.Wire;
import java.nio.charset.StandardCharsets;

/**
 * MySQL "OK_Packet". With DEPRECATE_EOF the same layout with header 0xFE ends a result set instead of an
 * EOF packet ({@link #writeAsEofTo}). The info text ("Rows matched: 1  Changed: 1  Warnings: 0") is written
 * length-encoded: the documentation says string&lt;EOF&gt; without SESSION_TRACK, but MySQL and MariaDB servers
 * both send it length-encoded and clients (libmariadb) read it that way.
 */
public record OkPacket(long affectedRows, long lastInsertId, int statusFlags, int warnings, String info) {

    public static OkPacket of(int statusFlags) {
        return new OkPacket(0, 0, statusFlags, 0, "");
    }

    public void writeTo(ByteBuf out) {
        write(out, 0x00);
    }

    public void writeAsEofTo(ByteBuf out) {
        write(out, 0xFE);
    }

    private void write(ByteBuf out, int header) {
        out.writeByte(header);
        Wire.writeLenencInt(out, affectedRows);
        Wire.writeLenencInt(out, lastInsertId);
        out.writeShortLE(statusFlags);
        out.writeShortLE(warnings);
        if (info != null && !info.isEmpty()) {
            Wire.writeLenencBytes(out, info.getBytes(StandardCharsets.UTF_8));
        }
    }
}
