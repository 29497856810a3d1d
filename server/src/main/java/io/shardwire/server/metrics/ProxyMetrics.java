package io.shardwire.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.shardwire.router.route.PlanCache;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Every meter the proxy publishes, named in one place. Tags are bounded: command names, statement kinds,
 * shard names and outcomes; never SQL text.
 */
public final class ProxyMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ConcurrentMap<String, Timer> statementTimers = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> errors = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> refusals = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Timer> backendTimers = new ConcurrentHashMap<>();
    private final DistributionSummary shardsPerStatement;
    private final Counter statementsTotal;
    private final Counter statementErrors;
    private final Counter bytesIn;
    private final Counter bytesOut;
    private final RateMeter statementRate = new RateMeter();
    private final Counter connectionsAccepted;
    private final Counter authFailures;
    private final Counter loginsDelayed;
    private final Counter loginsRefusedBlocked;
    private final Map<PlanCache.Outcome, Counter> planCache = new EnumMap<>(PlanCache.Outcome.class);

    public ProxyMetrics() {
        connectionsAccepted = Counter.builder("shardwire_client_connections_accepted")
                .description("client connections that completed login").register(registry);
        authFailures = Counter.builder("shardwire_client_auth_failures")
                .description("client logins refused").register(registry);
        loginsDelayed = Counter.builder("shardwire_client_logins_throttled").tag("action", "delayed")
                .description("failed logins answered late (delayed) or logins refused because their address is"
                        + " blocked (blocked), by login throttling").register(registry);
        loginsRefusedBlocked = Counter.builder("shardwire_client_logins_throttled").tag("action", "blocked")
                .description("failed logins answered late (delayed) or logins refused because their address is"
                        + " blocked (blocked), by login throttling").register(registry);
        shardsPerStatement = DistributionSummary.builder("shardwire_statement_shards")
                .description("backend shards one client statement ran on (0: answered by the proxy)")
                .serviceLevelObjectives(0.5, 1, 2, 4, 8, 16, 32, 64).register(registry);
        statementsTotal = Counter.builder("shardwire_statements_all").description("client statements, all kinds")
                .register(registry);
        statementErrors = Counter.builder("shardwire_statements_failed").description("client statements that failed")
                .register(registry);
        bytesIn = Counter.builder("shardwire_client_bytes").baseUnit("bytes").tag("direction", "in")
                .description("bytes exchanged with clients").register(registry);
        bytesOut = Counter.builder("shardwire_client_bytes").baseUnit("bytes").tag("direction", "out")
                .description("bytes exchanged with clients").register(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        for (PlanCache.Outcome outcome : PlanCache.Outcome.values()) {
            planCache.put(outcome, Counter.builder("shardwire_plan_cache_lookups")
                    .description("statements routed through the plan cache, by outcome: hit (no parse), miss (parsed, "
                            + "remembered), uncacheable (parsed; the route depends on more than one key value)")
                    .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT)).register(registry));
        }
    }

    public void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }

    public void shardGauge(String name, String shard, String description, Supplier<Number> value) {
        Gauge.builder(name, value).tag("shard", shard).description(description).register(registry);
    }

    /**
     * One statement: its time by kind (select, insert, set, ...), route variant (keyed, scatter, local, ...) and
     * outcome (ok, error), and the number of backend shards it ran on.
     */
    public void statement(String kind, String route, boolean ok, long nanos, int shards) {
        String key = kind + '|' + route + (ok ? "|ok" : "|error");
        statementTimers.computeIfAbsent(key, k -> latency(Timer.builder("shardwire_statements")
                .description("statements executed, by kind, route variant and outcome")
                .tag("kind", kind).tag("route", route).tag("outcome", ok ? "ok" : "error")))
                .record(nanos, TimeUnit.NANOSECONDS);
        shardsPerStatement.record(shards);
        statementsTotal.increment();
        if (!ok) {
            statementErrors.increment();
        }
        statementRate.mark(System.currentTimeMillis() / 1000);
    }

    /** A statement on one backend: its time, by shard, role and outcome. */
    public void backendStatement(String shard, String role, boolean ok, long nanos) {
        String key = shard + '|' + role + (ok ? "|ok" : "|error");
        backendTimers.computeIfAbsent(key, k -> latency(Timer.builder("shardwire_backend_statements")
                .description("statements sent to backends, by shard, role and outcome")
                .tag("shard", shard).tag("role", role).tag("outcome", ok ? "ok" : "error")))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** A latency timer with a histogram from 50 µs to 30 s, so Prometheus can compute any percentile. */
    private Timer latency(Timer.Builder builder) {
        return builder.publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(50_000))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    /** Bytes read from (in) or written to (out) client connections. */
    public void clientBytes(boolean in, long bytes) {
        (in ? bytesIn : bytesOut).increment(bytes);
    }

    public long statementsTotal() {
        return (long) statementsTotal.count();
    }

    public long statementErrorsTotal() {
        return (long) statementErrors.count();
    }

    /** Statements per second over the last minute. */
    public double statementsPerSecond() {
        return statementRate.perSecond(System.currentTimeMillis() / 1000);
    }

    /** The registry, for libraries that publish their own meters (HikariCP). */
    public MeterRegistry registry() {
        return registry;
    }

    /** An ERR packet sent to a client, by MySQL error number class (backend or proxy). */
    public void error(String source) {
        errors.computeIfAbsent(source, s -> Counter.builder("shardwire_errors")
                .description("ERR packets sent to clients").tag("source", s).register(registry)).increment();
    }

    /**
     * A client refused by a memory bound: {@code packet_too_large}, {@code packet_budget}, {@code net_read_timeout}
     * or {@code statement_memory}.
     */
    public void refusal(String reason) {
        refusals.computeIfAbsent(reason, r -> Counter.builder("shardwire_client_refusals")
                .description("clients refused or disconnected by a memory bound").tag("reason", r).register(registry))
                .increment();
    }

    /** One routing through the plan cache: hit, miss (and remembered) or not cacheable. */
    public void planCache(PlanCache.Outcome outcome) {
        planCache.get(outcome).increment();
    }

    public void connectionAccepted() {
        connectionsAccepted.increment();
    }

    public void authFailure() {
        authFailures.increment();
    }

    /** A failed login whose answer login throttling delayed. */
    public void loginDelayed() {
        loginsDelayed.increment();
    }

    /** A login refused because its client address is blocked. */
    public void loginRefusedBlocked() {
        loginsRefusedBlocked.increment();
    }

    /** The number of client addresses blocked by login throttling now. */
    public void blockedAddressesGauge(Supplier<Number> blocked) {
        gauge("shardwire_client_blocked_addresses", "client addresses refused for failing to log in too often", blocked);
    }

    public String scrape() {
        return registry.scrape();
    }
}
