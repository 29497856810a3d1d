package io.shardwire.server.frontend;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.shardwire.server.metrics.ProxyMetrics;

/** Counts the bytes every client connection reads and writes, for the bytes in/out metric. One instance for all. */
@ChannelHandler.Sharable
final class ClientByteCounter extends ChannelDuplexHandler {
    private final ProxyMetrics metrics;

    ClientByteCounter(ProxyMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf buf) {
            metrics.clientBytes(true, buf.readableBytes());
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf buf) {
            metrics.clientBytes(false, buf.readableBytes());
        }
        ctx.write(msg, promise);
    }
}
