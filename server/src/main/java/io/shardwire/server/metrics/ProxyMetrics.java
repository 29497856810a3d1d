package io.shardwire.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.shardwire.router.route.PlanCache;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Every meter the proxy publishes, named in one place. Tags are bounded: command names, statement kinds,
 * shard names and outcomes; never SQL text.
 */
public final class ProxyMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ConcurrentMap<String, Timer> statementTimers = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counter> errors = new ConcurrentHashMap<>();
    private final Counter connectionsAccepted;
    private final Counter authFailures;
    private final Map<PlanCache.Outcome, Counter> planCache = new EnumMap<>(PlanCache.Outcome.class);

    public ProxyMetrics() {
        connectionsAccepted = Counter.builder("shardwire_client_connections_accepted")
                .description("client connections that completed login").register(registry);
        authFailures = Counter.builder("shardwire_client_auth_failures")
                .description("client logins refused").register(registry);
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

    /** Time of one statement by kind (select, insert, set, ...) and outcome (ok, error). */
    public void statement(String kind, boolean ok, long nanos) {
        String key = kind + (ok ? "|ok" : "|error");
        statementTimers.computeIfAbsent(key, k -> Timer.builder("shardwire_statements")
                .description("statements executed, by kind and outcome")
                .tag("kind", kind).tag("outcome", ok ? "ok" : "error")
                .register(registry)).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    /** An ERR packet sent to a client, by MySQL error number class (backend or proxy). */
    public void error(String source) {
        errors.computeIfAbsent(source, s -> Counter.builder("shardwire_errors")
                .description("ERR packets sent to clients").tag("source", s).register(registry)).increment();
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

    public String scrape() {
        return registry.scrape();
    }
}
