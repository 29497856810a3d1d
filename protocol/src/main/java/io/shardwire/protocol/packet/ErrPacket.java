package io.shardwire.protocol.packet;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** MySQL "ERR_Packet" in its protocol-4.1 form: errno, '#', a 5-character SQLSTATE, the message. */
public record ErrPacket(int errorCode, String sqlState, String message) {

    public ErrPacket {
        if (sqlState == null || sqlState.length() != 5) {
            sqlState = "HY000";
        }
    }

    public void writeTo(ByteBuf out) {
        out.writeByte(0xFF);
        out.writeShortLE(errorCode);
        out.writeByte('#');
        out.writeBytes(sqlState.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(message.getBytes(StandardCharsets.UTF_8));
    }
}
