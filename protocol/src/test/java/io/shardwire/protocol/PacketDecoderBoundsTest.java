package io.shardwire.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.shardwire.protocol.testkit.LeakCheck;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The decoder's memory bounds: the payload limit (raised once a login completes), the budget shared by all
 * connections for packets still arriving, and the read timeout for a packet whose bytes stop coming.
 */
@ExtendWith(LeakCheck.class)
class PacketDecoderBoundsTest {

    private static ByteBuf header(int length, int sequenceId) {
        return Unpooled.buffer(4).writeMediumLE(length).writeByte(sequenceId);
    }

    @Test
    void aPacketWaitingForItsBytesHoldsBudgetUntilItIsComplete() {
        PacketBudget budget = new PacketBudget(1 << 20);
        EmbeddedChannel channel = new EmbeddedChannel(new PacketDecoder(1 << 20, budget, 0));
        channel.writeInbound(header(100_000, 0), Unpooled.wrappedBuffer(new byte[50_000]));
        assertEquals(100_004, budget.used(), "the announced packet is reserved while its bytes arrive");
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[50_000]));
        Packet packet = channel.readInbound();
        assertEquals(100_000, packet.payload().readableBytes());
        packet.release();
        assertEquals(0, budget.used(), "a complete packet gives its reservation back");
        assertFalse(channel.finish());
    }

    @Test
    void aPacketThatDoesNotFitTheBudgetIsRefusedAndOthersKeepTheirs() {
        PacketBudget budget = new PacketBudget(300_000);
        EmbeddedChannel first = new EmbeddedChannel(new PacketDecoder(1 << 20, budget, 0));
        EmbeddedChannel second = new EmbeddedChannel(new PacketDecoder(1 << 20, budget, 0));
        first.writeInbound(header(200_000, 0), Unpooled.wrappedBuffer(new byte[10]));
        PacketBudgetExceededException e = assertThrows(PacketBudgetExceededException.class,
                () -> second.writeInbound(header(200_000, 0), Unpooled.wrappedBuffer(new byte[10])));
        assertTrue(e.getMessage().contains("packet length: 200004"), e.getMessage());
        assertEquals(200_004, budget.used());
        first.close();
        assertEquals(0, budget.used(), "a closed connection gives its reservation back");
        second.close();
    }

    @Test
    void theLimitBeforeLoginIsRaisedAfterIt() {
        PacketDecoder decoder = new PacketDecoder(1024, PacketBudget.unlimited(), 0);
        EmbeddedChannel channel = new EmbeddedChannel(decoder);
        channel.writeInbound(header(10, 1), Unpooled.wrappedBuffer(new byte[10]));
        ((Packet) channel.readInbound()).release();
        decoder.maxPayload(1 << 20);
        channel.writeInbound(header(5000, 0), Unpooled.wrappedBuffer(new byte[5000]));
        ((Packet) channel.readInbound()).release();
        assertFalse(channel.finish());
        EmbeddedChannel before = new EmbeddedChannel(new PacketDecoder(1024, PacketBudget.unlimited(), 0));
        assertThrows(PacketTooLargeException.class, () -> before.writeInbound(header(16 * 1024 * 1024 - 1, 1)));
        before.finishAndReleaseAll();
    }

    @Test
    void aHalfSentPacketEndsTheConnectionAfterTheReadTimeout() throws InterruptedException {
        PacketBudget budget = new PacketBudget(1 << 20);
        List<Throwable> caught = new ArrayList<>();
        EmbeddedChannel channel = new EmbeddedChannel(new PacketDecoder(1 << 20, budget, 100),
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        caught.add(cause);
                        ctx.close();
                    }
                });
        channel.writeInbound(header(100_000, 0), Unpooled.wrappedBuffer(new byte[1000]));
        Thread.sleep(60);
        channel.writeInbound(Unpooled.wrappedBuffer(new byte[1000])); // progress: the clock starts again
        Thread.sleep(60);
        channel.runScheduledPendingTasks();
        assertTrue(caught.isEmpty(), "bytes arrived within the timeout");
        Thread.sleep(120);
        channel.runScheduledPendingTasks();
        assertEquals(1, caught.size());
        assertInstanceOf(PacketReadTimeoutException.class, caught.get(0));
        assertFalse(channel.isOpen());
        assertEquals(0, budget.used());
    }

    /**
     * After an SSL request the client's TLS hello may be in the same read; its first bytes (16 03 01 02 00) read as a
     * 66 KiB header, past the login limit. The decoder stops at each packet, so the handler can replace it first
     * and the hello goes on, undecoded, to what comes next (sysbench --mysql-ssl=on failed to connect without this).
     */
    @Test
    void theHandlerMayReplaceTheDecoderAfterAnyPacket() {
        List<Object> after = new ArrayList<>();
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.pipeline().addLast("frames", new PacketDecoder(64 * 1024, PacketBudget.unlimited(), 0));
        channel.pipeline().addLast("session", new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof Packet packet && ctx.pipeline().get("frames") != null) {
                    packet.release();
                    ctx.pipeline().addBefore("frames", "tls", new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelRead(ChannelHandlerContext c, Object bytes) {
                            after.add(bytes);
                        }
                    });
                    ctx.pipeline().remove("frames");
                    return;
                }
                after.add(msg);
            }
        });
        ByteBuf read = Unpooled.buffer().writeBytes(header(32, 1)).writeBytes(new byte[32])
                .writeBytes(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00});
        channel.writeInbound(read);
        assertEquals(1, after.size());
        ByteBuf hello = (ByteBuf) after.get(0);
        assertEquals(7, hello.readableBytes(), "the TLS hello reaches the next handler whole");
        hello.release();
        assertFalse(channel.finish());
    }

    @Test
    void anIdleConnectionBetweenPacketsHasNoTimer() throws InterruptedException {
        EmbeddedChannel channel = new EmbeddedChannel(new PacketDecoder(1 << 20, PacketBudget.unlimited(), 50));
        channel.writeInbound(header(1, 0), Unpooled.wrappedBuffer(new byte[1]));
        ((Packet) channel.readInbound()).release();
        Thread.sleep(80);
        channel.runScheduledPendingTasks();
        assertTrue(channel.isOpen());
        assertFalse(channel.finish());
    }
}
