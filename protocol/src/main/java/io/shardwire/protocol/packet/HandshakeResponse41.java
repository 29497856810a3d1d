package io.shardwire.protocol.packet;

import io.netty.buffer.ByteBuf;
import io.shardwire.protocol.Capability;
import io.shardwire.protocol.MalformedPacketException;
import io.shardwire.protocol.Wire;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The client's answer to the greeting (MySQL "Protocol::HandshakeResponse41"). Which fields are present
 * depends on the client's capability flags; an SSL request is the same packet cut after the 32-byte
 * fixed part, see {@link #isSslRequest(ByteBuf)}.
 */
public record HandshakeResponse41(int capabilities, long maxPacketSize, int collationId, String username,
                                  byte[] authResponse, String database, String authPluginName,
                                  Map<String, String> connectAttributes) {
    private static final int FIXED_PART = 32;

    public HandshakeResponse41 {
        connectAttributes = Map.copyOf(connectAttributes);
    }

    /** True when the payload is the short SSLRequest: the fixed part only, with CLIENT_SSL set. */
    public static boolean isSslRequest(ByteBuf payload) {
        return payload.readableBytes() == FIXED_PART
                && Capability.has(payload.getIntLE(payload.readerIndex()), Capability.SSL);
    }

    /** The capability flags of an SSL request or a full response, without consuming anything. */
    public static int peekCapabilities(ByteBuf payload) {
        Wire.need(payload, 4, "capability flags");
        return payload.getIntLE(payload.readerIndex());
    }

    public static HandshakeResponse41 parse(ByteBuf in) {
        Wire.need(in, FIXED_PART, "handshake response fixed part");
        int capabilities = in.readIntLE();
        if (!Capability.has(capabilities, Capability.PROTOCOL_41)) {
            throw new MalformedPacketException("handshake response: client does not speak protocol 4.1");
        }
        long maxPacket = in.readUnsignedIntLE();
        int collation = in.readUnsignedByte();
        in.skipBytes(23);
        String username = Wire.readNulString(in);
        byte[] auth;
        if (Capability.has(capabilities, Capability.PLUGIN_AUTH_LENENC_CLIENT_DATA)) {
            auth = Wire.readLenencBytes(in);
            if (auth == null) {
                throw new MalformedPacketException("handshake response: NULL auth response");
            }
        } else if (Capability.has(capabilities, Capability.SECURE_CONNECTION)) {
            Wire.need(in, 1, "auth response length");
            int length = in.readUnsignedByte();
            Wire.need(in, length, "auth response");
            auth = new byte[length];
            in.readBytes(auth);
        } else {
            auth = Wire.readNulBytes(in);
        }
        String database = null;
        if (Capability.has(capabilities, Capability.CONNECT_WITH_DB) && in.isReadable()) {
            database = Wire.readNulString(in);
            if (database.isEmpty()) {
                database = null;
            }
        }
        String plugin = null;
        if (Capability.has(capabilities, Capability.PLUGIN_AUTH) && in.isReadable()) {
            plugin = Wire.readNulString(in);
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        if (Capability.has(capabilities, Capability.CONNECT_ATTRS) && in.isReadable()) {
            long total = Wire.readLenencInt(in);
            Wire.need(in, total, "connection attributes");
            ByteBuf attrs = in.readSlice((int) total);
            while (attrs.isReadable()) {
                String key = Wire.readLenencString(attrs);
                String value = Wire.readLenencString(attrs);
                if (key == null || value == null) {
                    // Attributes are plain strings; 0xFB here is garbage, not a value to store as "null".
                    throw new MalformedPacketException("handshake response: NULL connection attribute key or value");
                }
                attributes.put(key, value);
            }
        }
        return new HandshakeResponse41(capabilities, maxPacket, collation, username, auth, database, plugin, attributes);
    }
}
