package io.shardwire.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageEncoder;
import java.util.List;

/**
 * Writes {@link Packet}s with their 4-byte header. Payloads of 16 MiB - 1 bytes or more are cut into
 * 0xFFFFFF-byte chunks with consecutive sequence ids, and a payload that is an exact multiple of 0xFFFFFF
 * ends with an empty chunk (MySQL "Sending More Than 16Mb"). Payload bytes are never copied.
 */
public final class PacketEncoder extends MessageToMessageEncoder<Packet> {

    public PacketEncoder() {
        super(Packet.class);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Packet packet, List<Object> out) {
        ByteBuf payload = packet.payload();
        int sequenceId = packet.sequenceId();
        while (true) {
            int length = Math.min(payload.readableBytes(), PacketDecoder.MAX_CHUNK);
            ByteBuf header = ctx.alloc().buffer(4);
            header.writeMediumLE(length);
            header.writeByte(sequenceId & 0xFF);
            out.add(header);
            if (length > 0) {
                out.add(payload.readRetainedSlice(length));
            }
            if (length < PacketDecoder.MAX_CHUNK) {
                return;
            }
            sequenceId++;
        }
    }

    /** The sequence id that follows a packet of this payload size sent with {@code sequenceId}. */
    public static int nextSequenceId(int sequenceId, int payloadLength) {
        return (sequenceId + 1 + payloadLength / PacketDecoder.MAX_CHUNK) & 0xFF;
    }
}
