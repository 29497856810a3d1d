package io.shardwire.server.frontend;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.shardwire.protocol.PacketEncoder;
import io.shardwire.server.ProxyContext;
import io.shardwire.server.execution.AccessControl;
import io.shardwire.server.execution.BackendExecutor;
import io.shardwire.server.execution.QueryHandler;
import io.shardwire.server.execution.UtilityCommands;
import io.shardwire.server.prepared.PreparedStatementCommands;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/** Builds each client connection's pipeline: frame decoder, frame encoder, login timeout, the session handler. */
public final class FrontendInitializer extends ChannelInitializer<SocketChannel> {
    static final String DECODER = "frames";
    static final String LOGIN_TIMEOUT = "login-timeout";
    private static final int LOGIN_TIMEOUT_SECONDS = 10;

    private final ProxyContext context;
    private final FrontendSettings settings;
    private final Executor workers;
    private final BackendExecutor executor;
    private final QueryHandler queries;
    private final UtilityCommands utility;
    private final long startMillis = System.currentTimeMillis();
    private final ClientByteCounter byteCounter;

    public FrontendInitializer(ProxyContext context, FrontendSettings settings, Executor workers) {
        this.context = context;
        this.settings = settings;
        this.workers = workers;
        this.executor = new BackendExecutor(context.metrics());
        this.byteCounter = new ClientByteCounter(context.metrics());
        AccessControl access = new AccessControl(context);
        this.utility = new UtilityCommands(context, executor, access);
        this.queries = new QueryHandler(context, executor, utility, access);
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        PreparedStatementCommands prepared = new PreparedStatementCommands(context, executor, queries,
                PreparedStatementCommands.DEFAULT_MAX_PER_SESSION, settings.maxAllowedPacket());
        CommandDispatcher dispatcher = new CommandDispatcher(context, queries, utility, prepared, startMillis);
        FrontendSession session = new FrontendSession(context, settings, ch, dispatcher, utility);
        ch.pipeline()
                .addLast("bytes", byteCounter)
                .addLast(DECODER, settings.loginDecoder())
                .addLast("encoder", new PacketEncoder())
                .addLast(LOGIN_TIMEOUT, new IdleStateHandler(LOGIN_TIMEOUT_SECONDS, 0, 0, TimeUnit.SECONDS))
                .addLast("session", new FrontendHandler(session, new SerialExecutor(workers), settings));
    }
}
