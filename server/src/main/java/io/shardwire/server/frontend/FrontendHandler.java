package io.shardwire.server.frontend;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.shardwire.protocol.Packet;
import io.shardwire.protocol.PacketBudgetExceededException;
import io.shardwire.protocol.PacketReadTimeoutException;
import io.shardwire.server.error.ProxyException;
import io.shardwire.protocol.PacketTooLargeException;
import io.shardwire.protocol.packet.HandshakeResponse41;
import io.shardwire.server.error.ErrorTranslator;
import io.shardwire.server.error.ProxyError;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty side of one client connection, on the event loop: queues packets for the session's worker, and
 * does the one thing that cannot wait for it, the TLS upgrade after an SSL request (the client's TLS hello may
 * already be in the same read, so the decoder must be swapped before another byte is framed).
 */
final class FrontendHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(FrontendHandler.class);
    private static final int MAX_QUEUED = 8;

    private final FrontendSession session;
    private final SerialExecutor worker;
    private final SslContext tls;
    private final FrontendSettings settings;
    private boolean firstPacket = true;

    FrontendHandler(FrontendSession session, SerialExecutor worker, FrontendSettings settings) {
        this.session = session;
        this.worker = worker;
        this.tls = settings.tls();
        this.settings = settings;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        worker.submit(session::greet);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Packet packet = (Packet) msg;
        if (firstPacket) {
            firstPacket = false;
            if (tls != null && HandshakeResponse41.isSslRequest(packet.payload())) {
                packet.release();
                startTls(ctx);
                return;
            }
        }
        if (worker.submit(() -> session.onPacket(packet)) >= MAX_QUEUED) {
            ctx.channel().config().setAutoRead(false);
            worker.submit(() -> ctx.channel().config().setAutoRead(true));
        }
    }

    /** Puts TLS under a new frame decoder; bytes the old decoder still holds flow into the SslHandler. */
    private void startTls(ChannelHandlerContext ctx) {
        ChannelPipeline pipeline = ctx.pipeline();
        pipeline.addAfter(FrontendInitializer.DECODER, "tls", tls.newHandler(ctx.alloc()));
        pipeline.addAfter("tls", "tls-frames", settings.loginDecoder());
        pipeline.remove(FrontendInitializer.DECODER);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        session.out().writabilityChanged();
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        session.out().writabilityChanged();
        session.cancelForClosedChannel();
        worker.submit(session::closed);
        ctx.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent && !session.loggedIn()) {
            log.debug("closing connection that did not log in in time");
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    /** A connection refused by a memory bound: the metric's reason and the client's error. */
    private record Refusal(String reason, ProxyException error) {
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Refusal refusal = switch (cause) {
            case PacketTooLargeException tooLarge -> new Refusal("packet_too_large", ProxyError.PACKET_TOO_LARGE
                    .exception(tooLarge.getMessage() + (session.loggedIn() ? "" : " before login")));
            case PacketBudgetExceededException full ->
                    new Refusal("packet_budget", ProxyError.PACKET_BUDGET_FULL.exception(full.getMessage()));
            case PacketReadTimeoutException stalled ->
                    new Refusal("net_read_timeout", ProxyError.NET_READ_TIMEOUT.exception(stalled.getMessage()));
            default -> null;
        };
        if (refusal != null) {
            session.refused(refusal.reason());
            log.info("closing client connection: {}", refusal.error().getMessage());
            var err = ErrorTranslator.toErr(refusal.error(), "");
            worker.submit(() -> {
                session.out().answering(0);
                session.out().writeErr(err);
                session.out().flush();
                ctx.close();
            });
            return;
        }
        if (cause instanceof IOException) {
            log.debug("client connection error: {}", cause.toString());
        } else {
            log.info("closing client connection after: {}", cause.toString());
        }
        ctx.close();
    }
}
