package io.shardwire.server;

import io.netty.bootstrap.ServerBootstrap;
import io.shardwire.router.route.PlanCache;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.shardwire.protocol.auth.CachingSha2Password;
import io.shardwire.protocol.auth.NativePassword;
import io.shardwire.server.admin.AdminHttpServer;
import io.shardwire.server.backend.BackendAddress;
import io.shardwire.server.backend.BackendPool;
import io.shardwire.server.backend.Backends;
import io.shardwire.server.backend.Shard;
import io.shardwire.server.frontend.Account;
import io.shardwire.server.frontend.FrontendInitializer;
import io.shardwire.server.frontend.FrontendSettings;
import io.shardwire.server.frontend.TlsContexts;
import io.shardwire.server.metrics.ProxyMetrics;
import io.shardwire.server.session.SessionRegistry;
import io.shardwire.shardmap.BackendConfig;
import io.shardwire.shardmap.DatabaseConfig;
import io.shardwire.shardmap.ServerConfig;
import io.shardwire.shardmap.ShardwireConfig;
import io.shardwire.shardmap.TableConfig;
import io.shardwire.shardmap.TlsConfig;
import io.shardwire.shardmap.UserConfig;
import java.net.InetSocketAddress;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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

    public static ShardwireServer start(ShardwireConfig config) throws Exception {
        ServerConfig server = config.server();
        Backends backends = openBackends(config);
        ProxyMetrics metrics = new ProxyMetrics();
        SessionRegistry sessions = new SessionRegistry();
        String version = announcedVersion(server, backends);
        AtomicReference<ShardMap> shardMap = new AtomicReference<>(ShardMap.from(config, 1));
        ProxyContext context = new ProxyContext(sessions, backends, defaultShards(config), shardedTables(config),
                version, metrics, server.maxConnections(), shardMap, new TableSchemaCache(backends, shardMap::get),
                new PlanCache(PLAN_CACHE_ENTRIES));
        registerGauges(context);
        FrontendSettings settings = new FrontendSettings(accounts(config), version, NativePassword.PLUGIN,
                GREETING_COLLATION, tls(server.tls()), CachingSha2Password.withNewRsaKey(), ConcurrentHashMap.newKeySet(),
                server.maxAllowedPacket(), server.maxConnections());
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
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
        AdminHttpServer admin = server.adminEnabled() ? AdminHttpServer.start(server.bind(), server.adminPort(), context) : null;
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
        log.info("shardwire stopped");
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Backends openBackends(ShardwireConfig config) {
        List<Shard> shards = new ArrayList<>();
        ServerConfig server = config.server();
        for (BackendConfig backend : config.backends()) {
            BackendPool primary = new BackendPool(backend.name(), address(backend.primary()), server.backendPoolSize(),
                    server.backendConnectTimeout().toMillis());
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

    private static Map<String, Account> accounts(ShardwireConfig config) {
        Map<String, Account> accounts = new HashMap<>();
        for (UserConfig user : config.users()) {
            // the configuration's names for auth_plugin are the protocol's plugin names
            accounts.put(user.name(), new Account(user.name(), user.password(), user.authPlugin(), user.admin()));
        }
        return accounts;
    }

    private static Map<String, String> defaultShards(ShardwireConfig config) {
        Map<String, String> shards = new LinkedHashMap<>();
        for (DatabaseConfig db : config.databases()) {
            shards.put(db.name().toLowerCase(Locale.ROOT), db.defaultShard());
        }
        return shards;
    }

    private static List<ProxyContext.ShardedTableInfo> shardedTables(ShardwireConfig config) {
        List<ProxyContext.ShardedTableInfo> tables = new ArrayList<>();
        for (DatabaseConfig db : config.databases()) {
            for (TableConfig table : db.tables()) {
                String key = switch (table) {
                    case TableConfig.HashTable h -> h.key();
                    case TableConfig.RangeTable r -> r.key();
                    case TableConfig.BroadcastTable b -> null;
                };
                tables.add(new ProxyContext.ShardedTableInfo(db.name(), table.name(),
                        table.shardBy().name().toLowerCase(Locale.ROOT), key));
            }
        }
        return tables;
    }

    private static SslContext tls(TlsConfig tls) throws Exception {
        return switch (tls) {
            case TlsConfig.Disabled d -> null;
            case TlsConfig.SelfSigned s -> TlsContexts.selfSigned();
            case TlsConfig.CertificateFiles f -> TlsContexts.fromPem(f.cert(), f.key());
        };
    }

    private static void registerGauges(ProxyContext context) {
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
