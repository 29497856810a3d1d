package io.shardwire.shardmap;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code server:} section. Every key is optional; the defaults are the constants below.
 *
 * @param bind address both listeners bind to ({@code bind}, default {@code 0.0.0.0})
 * @param port MySQL protocol listener ({@code port}, default 3307; 0 picks a free port)
 * @param adminPort HTTP listener for /metrics and /health ({@code admin_port}, default 9104;
 *     0 picks a free port; -1 turns the listener off)
 * @param maxAllowedPacket largest packet accepted from a client, in bytes ({@code max_allowed_packet},
 *     default 64 MiB; accepts {@code 64M}, {@code 1G}, {@code 512K} or plain bytes; 1 KiB to 1 GiB)
 * @param maxConnections client connections accepted at once ({@code max_connections}, default 1000)
 * @param serverVersion version announced to clients ({@code server_version}); when empty the
 *     primaries' own version plus {@code versionSuffix}, since drivers change behaviour on it
 * @param versionSuffix appended to the backends' version ({@code version_suffix}, default {@code -shardwire})
 * @param tls client TLS ({@code tls:}, default a self-signed certificate generated at start)
 * @param backendPoolSize connections per backend server ({@code backend_pool_size}, default 32)
 * @param backendConnectTimeout ({@code backend_connect_timeout_ms}, default 5000)
 * @param queryWaitTimeout how long a statement waits for a shard that is failing over or blocked
 *     before it fails ({@code query_wait_timeout_ms}, default 10000)
 * @param drainTimeout how long a stopping proxy lets running statements finish
 *     ({@code drain_timeout_ms}, default 30000)
 * @param slowQueryLog a file that statements slower than {@code slowQueryThreshold} are appended to
 *     ({@code slow_query_log}, default none)
 * @param slowQueryThreshold ({@code slow_query_ms}, default 1000)
 * @param ioThreads Netty event-loop threads for client sockets ({@code io_threads}; default 0: a quarter of the
 *     processors, at least one: fewer loops batch more packets per wake-up, and the JDBC work runs elsewhere)
 * @param loginFailuresBeforeDelay failed logins from one client address answered at once
 *     ({@code login_failures_before_delay}, default 5); each further failure is answered after a delay that
 *     doubles from 100 ms up to {@code loginDelayMax}
 * @param loginBlockAfterFailures failed logins from one address (within {@link #LOGIN_FAILURE_WINDOW}) after which
 *     the address is blocked ({@code login_block_after_failures}, default 20; 0: never block)
 * @param loginBlock how long a blocked address is refused ({@code login_block_seconds}, default 60)
 * @param loginDelayMax the longest delay before a failed login is answered ({@code login_delay_max_ms},
 *     default 5000; below the 10 s login timeout)
 * @param clientPacketBudget bytes all client connections together may hold for packets still arriving
 *     ({@code client_packet_budget}, default 256 MiB); a packet that does not fit is refused and its connection closed
 * @param netReadTimeout how long a client's half-sent packet may wait for its next byte before the connection is
 *     closed ({@code net_read_timeout_ms}, default 30000, MySQL's net_read_timeout)
 * @param statementMemoryBudget heap that statements being lexed, parsed and planned may use at once, estimated from
 *     their length ({@code statement_memory_budget}; default 0: 40% of the JVM's maximum heap)
 */
public record ServerConfig(String bind, int port, int adminPort, long maxAllowedPacket, int maxConnections,
        Optional<String> serverVersion, String versionSuffix, TlsConfig tls, int backendPoolSize,
        Duration backendConnectTimeout, Duration queryWaitTimeout, Duration drainTimeout, Optional<Path> slowQueryLog,
        Duration slowQueryThreshold, int ioThreads, int loginFailuresBeforeDelay, int loginBlockAfterFailures,
        Duration loginBlock, Duration loginDelayMax, long clientPacketBudget, Duration netReadTimeout,
        long statementMemoryBudget) {

    public static final String DEFAULT_BIND = "0.0.0.0";
    public static final long DEFAULT_CLIENT_PACKET_BUDGET = 256L * 1024 * 1024;
    public static final Duration DEFAULT_NET_READ_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_PORT = 3307;
    public static final int DEFAULT_ADMIN_PORT = 9104;
    /** {@code admin_port: -1}: no HTTP listener. */
    public static final int ADMIN_DISABLED = -1;
    public static final long DEFAULT_MAX_ALLOWED_PACKET = 64L * 1024 * 1024;
    public static final int DEFAULT_MAX_CONNECTIONS = 1000;
    public static final String DEFAULT_VERSION_SUFFIX = "-shardwire";
    public static final int DEFAULT_BACKEND_POOL_SIZE = 32;
    public static final Duration DEFAULT_BACKEND_CONNECT_TIMEOUT = Duration.ofMillis(5000);
    public static final Duration DEFAULT_QUERY_WAIT_TIMEOUT = Duration.ofMillis(10_000);
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofMillis(30_000);
    public static final Duration DEFAULT_SLOW_QUERY_THRESHOLD = Duration.ofMillis(1000);
    public static final int DEFAULT_LOGIN_FAILURES_BEFORE_DELAY = 5;
    public static final int DEFAULT_LOGIN_BLOCK_AFTER_FAILURES = 20;
    public static final Duration DEFAULT_LOGIN_BLOCK = Duration.ofSeconds(60);
    public static final Duration DEFAULT_LOGIN_DELAY_MAX = Duration.ofMillis(5000);
    /** Failed logins of an address are forgotten this long after its last one (unless it is blocked longer). */
    public static final Duration LOGIN_FAILURE_WINDOW = Duration.ofMinutes(10);

    public ServerConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(serverVersion, "serverVersion");
        Objects.requireNonNull(versionSuffix, "versionSuffix");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(backendConnectTimeout, "backendConnectTimeout");
        Objects.requireNonNull(queryWaitTimeout, "queryWaitTimeout");
        Objects.requireNonNull(drainTimeout, "drainTimeout");
        Objects.requireNonNull(slowQueryLog, "slowQueryLog");
        Objects.requireNonNull(slowQueryThreshold, "slowQueryThreshold");
        Objects.requireNonNull(loginBlock, "loginBlock");
        Objects.requireNonNull(loginDelayMax, "loginDelayMax");
    }

    /** The event-loop threads to run: {@link #ioThreads()}, or for 0 a quarter of the processors (at least 1). */
    public int effectiveIoThreads() {
        return ioThreads > 0 ? ioThreads : Math.max(1, Runtime.getRuntime().availableProcessors() / 4);
    }

    /** Every key at its default, as when the file has no {@code server:} section. */
    public static ServerConfig defaults() {
        return new ServerConfig(DEFAULT_BIND, DEFAULT_PORT, DEFAULT_ADMIN_PORT, DEFAULT_MAX_ALLOWED_PACKET,
                DEFAULT_MAX_CONNECTIONS, Optional.empty(), DEFAULT_VERSION_SUFFIX, new TlsConfig.SelfSigned(),
                DEFAULT_BACKEND_POOL_SIZE, DEFAULT_BACKEND_CONNECT_TIMEOUT, DEFAULT_QUERY_WAIT_TIMEOUT,
                DEFAULT_DRAIN_TIMEOUT, Optional.empty(), DEFAULT_SLOW_QUERY_THRESHOLD, 0,
                DEFAULT_LOGIN_FAILURES_BEFORE_DELAY, DEFAULT_LOGIN_BLOCK_AFTER_FAILURES, DEFAULT_LOGIN_BLOCK,
                DEFAULT_LOGIN_DELAY_MAX, DEFAULT_CLIENT_PACKET_BUDGET, DEFAULT_NET_READ_TIMEOUT, 0);
    }

    /** {@link #statementMemoryBudget()}, or for 0 two fifths of the JVM's maximum heap. */
    public long effectiveStatementMemoryBudget() {
        return statementMemoryBudget > 0 ? statementMemoryBudget : Runtime.getRuntime().maxMemory() / 5 * 2;
    }

    /** False when {@code admin_port: -1}. */
    public boolean adminEnabled() {
        return adminPort != ADMIN_DISABLED;
    }
}
