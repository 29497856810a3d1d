package io.shardwire.server.frontend;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import io.shardwire.protocol.Packet;
import io.shardwire.protocol.PacketDecoder;
import io.shardwire.protocol.ServerStatus;
import io.shardwire.protocol.command.Command;
import io.shardwire.protocol.command.CommandDecoder;
import io.shardwire.protocol.packet.ErrPacket;
import io.shardwire.protocol.packet.HandshakeV10;
import io.shardwire.protocol.packet.OkPacket;
import io.shardwire.server.ProxyContext;
import io.shardwire.server.backend.BackendConnection;
import io.shardwire.server.error.ErrorTranslator;
import io.shardwire.server.error.ProxyError;
import io.shardwire.server.error.ProxyException;
import io.shardwire.server.execution.UtilityCommands;
import io.shardwire.server.session.MysqlCharsets;
import io.shardwire.server.session.Session;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One client connection from greeting to close: sends the greeting, authenticates, then hands each command to
 * the dispatcher. Every method runs on the session's serial worker (a virtual thread), never on the event
 * loop, so it may block on backends, and wait out a failed login's throttling delay.
 *
 * <p>{@code max_connections} keeps one more slot for an {@code admin: true} account, as MySQL keeps one for SUPER:
 * a socket beyond {@code max_connections + 1} sessions is refused before its greeting; at login, other accounts
 * are refused from {@code max_connections} on.
 */
final class FrontendSession {
    private static final Logger log = LoggerFactory.getLogger(FrontendSession.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ProxyContext context;
    private final FrontendSettings settings;
    private final Channel channel;
    private final ClientChannel out;
    private final CommandDispatcher dispatcher;
    private final UtilityCommands utility;
    private final long connectionId;
    private Authenticator authenticator;
    private Session session;
    private boolean closed;
    private volatile boolean loggedIn;

    FrontendSession(ProxyContext context, FrontendSettings settings, Channel channel, CommandDispatcher dispatcher,
                    UtilityCommands utility) {
        this.context = context;
        this.settings = settings;
        this.channel = channel;
        this.out = new ClientChannel(channel);
        this.dispatcher = dispatcher;
        this.utility = utility;
        this.connectionId = context.sessions().newConnectionId();
    }

    /** Read from the event loop for the login timeout; set once by the worker. */
    boolean loggedIn() {
        return loggedIn;
    }

    /** Counts a refusal by a memory bound (see {@link io.shardwire.server.metrics.ProxyMetrics#refusal}). */
    void refused(String reason) {
        context.metrics().refusal(reason);
    }

    ClientChannel out() {
        return out;
    }

    void greet() {
        MDC.put("conn", Long.toString(connectionId));
        try {
            if (context.sessions().size() >= settings.maxConnections() + 1) {
                refuseBeforeGreeting(ProxyError.TOO_MANY_CONNECTIONS.exception(settings.maxConnections()));
                return;
            }
            if (context.loginThrottle().blockedForMillis(remoteHost()) > 0) {
                context.metrics().loginRefusedBlocked();
                refuseBeforeGreeting(hostBlocked());
                return;
            }
            byte[] seed = newSeed();
            authenticator = new Authenticator(settings.accounts(), settings.sha2Cache(), settings.sha2(), seed,
                    settings.serverCapabilities(), remoteHost(), settings.serverVersion(), settings.defaultAuthPlugin());
            HandshakeV10 greeting = new HandshakeV10(settings.serverVersion(), connectionId, seed,
                    settings.serverCapabilities(), settings.collationId(), ServerStatus.AUTOCOMMIT, settings.defaultAuthPlugin());
            out.answering(-1);
            out.write(greeting::writeTo);
            out.flush();
        } finally {
            MDC.remove("conn");
        }
    }

    /**
     * An ERR packet instead of the greeting, as MySQL sends for too many connections or a blocked host. No client
     * capabilities are agreed yet, so, like MySQL (net_send_error_packet without CLIENT_PROTOCOL_41), it has no
     * '#' SQLSTATE marker: errno and message only, which clients then show as the message itself.
     */
    private void refuseBeforeGreeting(ProxyException e) {
        out.answering(-1);
        ErrPacket err = ErrorTranslator.toErr(e, "");
        out.write(buf -> {
            buf.writeByte(0xFF);
            buf.writeShortLE(err.errorCode());
            buf.writeCharSequence(err.message(), java.nio.charset.StandardCharsets.UTF_8);
        });
        out.flush();
        channel.close();
    }

    private ProxyException hostBlocked() {
        String host = remoteHost();
        long seconds = (context.loginThrottle().blockedForMillis(host) + 999) / 1000;
        return ProxyError.HOST_IS_BLOCKED.exception(host, context.loginThrottle().failures(host), seconds);
    }

    void onPacket(Packet packet) {
        MDC.put("conn", Long.toString(connectionId));
        try {
            if (closed) {
                return;
            }
            out.answering(packet.sequenceId());
            if (session == null) {
                authenticate(packet.payload());
            } else {
                Command command = CommandDecoder.decode(packet.payload());
                if (!dispatcher.dispatch(session, command, out)) {
                    channel.close();
                }
            }
        } catch (ProxyException | io.shardwire.protocol.MalformedPacketException e) {
            failAndClose(e);
        } catch (RuntimeException | Error e) {
            // an Error (StackOverflowError, a class missing mid-upgrade) must still answer the client, not hang it
            log.warn("unexpected failure on connection {}", connectionId, e);
            failAndClose(e);
        } finally {
            packet.release();
            out.flush();
            MDC.remove("conn");
        }
    }

    private void authenticate(ByteBuf payload) {
        boolean tls = channel.pipeline().get(SslHandler.class) != null;
        Login login;
        try {
            login = authenticator.onPacket(payload, out, tls);
        } catch (ProxyException e) {
            context.metrics().authFailure();
            throttle(authenticator.userShown());
            throw e;
        }
        if (login == null) {
            return;
        }
        // another connection from the same address may have been blocked while this one logged in
        if (context.loginThrottle().blockedForMillis(remoteHost()) > 0) {
            context.metrics().loginRefusedBlocked();
            throw hostBlocked();
        }
        context.loginThrottle().succeeded(remoteHost());
        String charset = MysqlCharsets.nameOfCollation(login.collationId());
        Session s = new Session(connectionId, login.account().name(), remoteHost(), login.account().grants(),
                login.capabilities(), charset, charset.equals("utf8mb4")
                        ? MysqlCharsets.utf8mb4CollationOtherThanDefault(login.collationId()).orElse(null) : null);
        s.resetToLogin();
        s.clientTls(TlsContexts.describe(channel.pipeline().get(SslHandler.class)));
        // checked again here: the check before the greeting lets through clients that connect at the same time
        int limit = login.account().admin() ? settings.maxConnections() + 1 : settings.maxConnections();
        if (!context.sessions().tryAdd(s, channel::close, limit)) {
            throw ProxyError.TOO_MANY_CONNECTIONS.exception(settings.maxConnections());
        }
        session = s;
        loggedIn = true;
        authenticator = null; // its seed, keys and account table are not needed past the login
        // the login timeout's work is done; its timer would otherwise fire on every idle session forever. Queued
        // before the OK is written, so the client's next packet meets the raised packet limit.
        channel.eventLoop().execute(() -> {
            if (channel.pipeline().get(FrontendInitializer.LOGIN_TIMEOUT) != null) {
                channel.pipeline().remove(FrontendInitializer.LOGIN_TIMEOUT);
            }
            PacketDecoder decoder = channel.pipeline().get(PacketDecoder.class);
            if (decoder != null) {
                decoder.maxPayload(settings.maxAllowedPacket());
            }
        });
        context.metrics().connectionAccepted();
        if (login.database() != null) {
            try {
                utility.initDb(s, login.database());
            } catch (Exception e) {
                out.writeErr(ErrorTranslator.toErr(e, context.shardFor(login.database()).name()));
                out.flush();
                channel.close();
                return;
            }
        }
        out.writeOk(OkPacket.of(s.statusFlags()));
    }

    /**
     * Counts a failed login for the client's address and waits out its delay before the ACCESS_DENIED goes out.
     * Runs on the session's virtual thread: the event loop must never sleep.
     */
    private void throttle(String userShown) {
        if (channel.eventLoop().inEventLoop()) {
            throw new IllegalStateException("login throttling must not run on the event loop");
        }
        String host = remoteHost();
        LoginThrottle.Failure failure = context.loginThrottle().failed(host);
        if (failure.startedBlock()) {
            log.warn("client address {} is blocked for {} s after {} failed logins (the last as user '{}'); FLUSH HOSTS"
                    + " unblocks it", host, (context.loginThrottle().blockedForMillis(host) + 999) / 1000,
                    failure.failures(), userShown);
        }
        if (failure.delayMillis() > 0) {
            context.metrics().loginDelayed();
            try {
                Thread.sleep(failure.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void failAndClose(Throwable e) {
        if (channel.isActive()) {
            out.writeErr(ErrorTranslator.toErr(e, ""));
            out.flush();
        }
        channel.close();
    }

    /**
     * On the event loop, as the client connection closes: a statement still running for the client is cancelled
     * now (on its own thread, as cancelling talks to the backend) instead of holding its backend connection until
     * it ends by itself; {@link #closed()} follows on the worker once the statement returns.
     */
    void cancelForClosedChannel() {
        if (loggedIn) {
            Session s = session; // written before the volatile loggedIn, so visible here
            Thread.startVirtualThread(s::cancelRunning);
        }
    }

    /** The client went away (or we closed it): give back or drop what the session held. */
    void closed() {
        if (closed) {
            return;
        }
        closed = true;
        if (session != null) {
            context.sessions().remove(session.id());
            // a transaction, locks or temp tables must not leak to the next borrower
            utility.releaseAll(session);
        }
    }

    private String remoteHost() {
        return channel.remoteAddress() instanceof InetSocketAddress a ? a.getAddress().getHostAddress() : "localhost";
    }

    /** 20 printable, non-NUL bytes: clients treat the seed as a C string in places. */
    private static byte[] newSeed() {
        byte[] seed = new byte[20];
        for (int i = 0; i < seed.length; i++) {
            seed[i] = (byte) (0x21 + RANDOM.nextInt(0x7E - 0x21));
        }
        return seed;
    }
}
