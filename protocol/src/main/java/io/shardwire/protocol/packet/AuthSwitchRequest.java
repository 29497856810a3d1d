package io.shardwire.protocol.packet;

import io.netty.buffer.ByteBuf;
import io.shardwire.protocol.Wire;

/** MySQL "Protocol::AuthSwitchRequest": asks the client to answer with another auth plugin and a new seed. */
public record AuthSwitchRequest(String pluginName, byte[] seed) {

    public void writeTo(ByteBuf out) {
        out.writeByte(0xFE);
        Wire.writeNulString(out, pluginName);
        out.writeBytes(seed);
        out.writeByte(0);
    }
}
