package io.shardwire.server;

import io.netty.bootstrap.ServerBootstrap;
import io.shardwire.router.route.PlanCache;
import io.shardwire.server.metrics.QueryDigests;
import io.shardwire.server.metrics.SlowQueryLog;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.shardwire.protocol.PacketBudget;
import io.shardwire.protocol.auth.CachingSha2Password;
import io.shardwire.protocol.auth.NativePassword;
import io.shardwire.server.admin.AdminHttpServer;
import io.shardwire.server.admin.ListenerProbe;
import io.shardwire.server.backend.BackendAddress;
import io.shardwire.server.execution.StatementBudget;
import io.shardwire.server.backend.BackendPool;
import io.shardwire.server.backend.Backends;
import io.shardwire.server.backend.Shard;
import io.shardwire.server.frontend.Account;
import io.shardwire.server.frontend.FrontendInitializer;
import io.shardwire.server.frontend.FrontendSettings;
import io.shardwire.server.frontend.LoginThrottle;
import io.shardwire.server.frontend.TlsContexts;
import io.shardwire.server.metrics.ProxyMetrics;
import io.shardwire.server.session.SessionRegistry;
import io.shardwire.shardmap.BackendConfig;
import io.shardwire.shardmap.ServerConfig;
import io.shardwire.shardmap.ShardwireConfig;
import io.shardwire.shardmap.TlsConfig;
import java.net.InetSocketAddress;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import io.shardwire.server.schema.TableSchemaCache;
import io.shardwire.shardmap.ShardMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The running proxy: wires configuration, backend pools, the MySQL listener and the admin HTTP port. */
public final class ShardwireServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ShardwireServer.class);
    /** utf8mb4_general_ci: what MariaDB announces by default and what our backend connections use. */
    private static final int GREETING_COLLATION = 45;
    /** Statement shapes whose routes are remembered; a shape is a few hundred bytes. */
    private static final int PLAN_CACHE_ENTRIES = 10_000;
    /** Distinct statement digests counted for SHOW QUERY DIGESTS before new ones share one row. */
    private static final int QUERY_DIGESTS = 5_000;
    /** Client addresses whose failed logins are remembered; an entry is under 200 bytes. */
    private static final int LOGIN_THROTTLE_ADDRESSES = 10_000;

    private final ShardwireConfig config;
    private final ProxyContext context;
    private final EventLoopGroup group;
    private final ExecutorService workers;
    private final Channel listener;
    private final AdminHttpServer admin;

    private ShardwireServer(ShardwireConfig config, ProxyContext context, EventLoopGroup group, ExecutorService workers,
                            Channel listener, AdminHttpServer admin) {
        this.config = config;
        this.context = context;
        this.group = group;
        this.workers = workers;
        this.listener = listener;
        this.admin = admin;
    }

    /** Starts on a configuration given in code: RELOAD CONFIG has no file to re-read. */
    public static ShardwireServer start(ShardwireConfig config) throws Exception {
        return start(config, Optional.empty());
    }

    /** Starts on a configuration read from {@code source}, which RELOAD CONFIG and SIGHUP read again. */
    public static ShardwireServer start(ShardwireConfig config, Optional<Path> source) throws Exception {
        ServerConfig server = config.server();
        SslContext clientTls = tls(server.tls()); // first: a bad certificate file stops the start before any connection
        ProxyMetrics metrics = new ProxyMetrics();
        Backends backends = openBackends(config, metrics);
        SessionRegistry sessions = new SessionRegistry();
        String version = announcedVersion(server, backends);
        AtomicReference<ShardMap> shardMap = new AtomicReference<>(ShardMap.from(config, 1));
        TableSchemaCache schemas = new TableSchemaCache(backends, shardMap::get);
        PlanCache plans = new PlanCache(PLAN_CACHE_ENTRIES);
        Map<String, Account> accounts = new ConcurrentHashMap<>(ConfigReloader.accountsOf(config));
        Set<String> sha2Cache = ConcurrentHashMap.newKeySet();
        ConfigReloader reloader = new ConfigReloader(source, config, shardMap, plans, schemas, accounts, sha2Cache);
        ProxyContext context = new ProxyContext(sessions, backends, version, metrics, server.maxConnections(), shardMap,
                schemas, plans, new QueryDigests(QUERY_DIGESTS), reloader,
                SlowQueryLog.open(server.slowQueryLog(), server.slowQueryThreshold()), loginThrottle(server),
                new StatementBudget(server.effectiveStatementMemoryBudget()));
        registerGauges(context);
        PacketBudget packetBudget = new PacketBudget(server.clientPacketBudget());
        metrics.gauge("shardwire_client_packet_buffer_bytes", "bytes reserved for client packets still arriving",
                packetBudget::used);
        metrics.gauge("shardwire_statement_memory_reserved_bytes", "heap reserved for large statements in planning",
                context.statementBudget()::reservedBytes);
        FrontendSettings settings = new FrontendSettings(accounts, version, NativePassword.PLUGIN,
                GREETING_COLLATION, clientTls, CachingSha2Password.withNewRsaKey(), sha2Cache,
                server.maxAllowedPacket(), server.maxConnections(), packetBudget,
                server.netReadTimeout().toMillis());
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(server.effectiveIoThreads(), NioIoHandler.newFactory());
        ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
        Channel listener = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                .childHandler(new FrontendInitializer(context, settings, workers))
                .bind(server.bind(), server.port()).sync().channel();
        AdminHttpServer admin = server.adminEnabled() ? AdminHttpServer.start(server.bind(), server.adminPort(), context,
                ListenerProbe.loopbackFor((InetSocketAddress) listener.localAddress())) : null;
        ShardwireServer running = new ShardwireServer(config, context, group, workers, listener, admin);
        log.info("shardwire listening on {}:{} as '{}' (admin http {}), {} shard(s)", server.bind(), running.port(),
                version, admin == null ? "off" : admin.port(), backends.all().size());
        return running;
    }

    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    public int adminPort() {
        return admin == null ? -1 : admin.port();
    }

    public ProxyContext context() {
        return context;
    }

    /** Stops accepting, lets running statements finish up to the drain timeout, then closes everything. */
    @Override
    public void close() {
        // every wait is bounded: a stop must finish even when a backend or a client does not answer
        listener.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + config.server().drainTimeout().toNanos();
        while (System.nanoTime() < deadline && context.sessions().all().stream().anyMatch(s -> !s.command().equals("Sleep"))) {
            sleepBriefly();
        }
        for (var session : context.sessions().all()) {
            var registration = context.sessions().find(session.id());
            if (registration != null) {
                registration.closer().run();
            }
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (admin != null) {
            admin.close();
        }
        context.backends().close();
        context.slowQueries().ifPresent(slow -> {
            try {
                slow.close();
            } catch (java.io.IOException e) {
                log.warn("closing the slow query log: {}", e.getMessage());
            }
        });
        log.info("shardwire stopped");
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Backends openBackends(ShardwireConfig config, ProxyMetrics metrics) {
        List<Shard> shards = new ArrayList<>();
        ServerConfig server = config.server();
        for (BackendConfig backend : config.backends()) {
            BackendPool primary = new BackendPool(backend.name(), address(backend.primary()), server.backendPoolSize(),
                    server.backendConnectTimeout().toMillis(), metrics.registry());
            shards.add(new Shard(backend.name(), primary, backend.replicas().stream().map(ShardwireServer::address).toList()));
        }
        return new Backends(shards);
    }

    private static BackendAddress address(io.shardwire.shardmap.BackendAddress a) {
        return new BackendAddress(a.host(), a.port(), a.user(), a.password());
    }

    /**
     * The backends' own version with a suffix, because drivers change behaviour on it. MariaDB greets with
     * a "5.5.5-" prefix that old MySQL clients need; we do the same.
     */
    private static String announcedVersion(ServerConfig server, Backends backends) {
        if (server.serverVersion().isPresent()) {
            return server.serverVersion().get();
        }
        String version;
        try {
            version = backends.first().primary().serverVersion();
        } catch (SQLException e) {
            version = "10.11.0-MariaDB";
            log.warn("backend {} did not answer at start ({}); announcing version {}", backends.first().name(),
                    e.getMessage(), version);
        }
        if (version.contains("MariaDB") && !version.startsWith("5.5.5-")) {
            version = "5.5.5-" + version;
        }
        return version + server.versionSuffix();
    }




    private static SslContext tls(TlsConfig tls) throws Exception {
        return switch (tls) {
            case TlsConfig.Disabled d -> null;
            case TlsConfig.SelfSigned s -> TlsContexts.selfSigned();
            case TlsConfig.CertificateFiles f -> TlsContexts.fromPem(f.cert(), f.key());
        };
    }

    private static LoginThrottle loginThrottle(ServerConfig server) {
        return new LoginThrottle(server.loginFailuresBeforeDelay(), server.loginBlockAfterFailures(), server.loginBlock(),
                server.loginDelayMax(), ServerConfig.LOGIN_FAILURE_WINDOW, LOGIN_THROTTLE_ADDRESSES,
                System::currentTimeMillis);
    }

    private static void registerGauges(ProxyContext context) {
        context.metrics().blockedAddressesGauge(() -> context.loginThrottle().blockedAddresses());
        context.metrics().gauge("shardwire_client_sessions", "client sessions logged in", () -> context.sessions().size());
        context.metrics().gauge("shardwire_plan_cache_entries", "statement shapes with a remembered route",
                () -> context.plans().size());
        for (Shard shard : context.backends().all()) {
            context.metrics().shardGauge("shardwire_backend_connections_active", shard.name(),
                    "backend connections in use", () -> shard.primary().activeConnections());
            context.metrics().shardGauge("shardwire_backend_connections_idle", shard.name(),
                    "backend connections idle in the pool", () -> shard.primary().idleConnections());
            context.metrics().shardGauge("shardwire_backend_up", shard.name(),
                    "1 when the primary answered the last connection attempt", () -> shard.primary().isUp() ? 1 : 0);
        }
    }
}
