package io.shardwire.server.execution;

import io.shardwire.protocol.packet.OkPacket;
import io.shardwire.router.classify.OperatorCommand;
import io.shardwire.router.route.RouteException;
import io.shardwire.router.route.ShardLocator;
import io.shardwire.server.ConfigReloader;
import io.shardwire.server.ProxyContext;
import io.shardwire.server.backend.BackendProbe;
import io.shardwire.server.error.ProxyError;
import io.shardwire.server.metrics.QueryDigests;
import io.shardwire.server.session.Session;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The operator statements of {@link OperatorCommand}: each answers in one round trip with a typed result set (or an
 * OK), so the mariadb CLI's {@code \G} and BI tools show it. Statements that change the proxy need
 * {@code admin: true}.
 */
final class OperatorCommands {
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private final ProxyContext context;

    OperatorCommands(ProxyContext context) {
        this.context = context;
    }

    void run(Session session, OperatorCommand command, ResultWriter writer, int moreFlag) {
        if (command.adminOnly() && !session.admin()) {
            throw ProxyError.ADMIN_ONLY.exception(statementName(command) + " (set admin: true on user '" + session.user()
                    + "' in the configuration)");
        }
        switch (command) {
            case OperatorCommand.ShowShardFor s -> LocalAnswers.write(session, shardFor(session, s), writer, moreFlag);
            case OperatorCommand.ShowQueryDigests d -> LocalAnswers.write(session, digests(), writer, moreFlag);
            case OperatorCommand.ShowProxyStatus p -> LocalAnswers.write(session, status(), writer, moreFlag);
            case OperatorCommand.ResetQueryDigests r -> {
                int dropped = context.digests().size();
                context.digests().reset();
                writer.ok(new OkPacket(dropped, 0, session.statusFlags() | moreFlag, 0, ""));
            }
            case OperatorCommand.ReloadConfig r -> {
                ConfigReloader.Outcome outcome = context.config().reload();
                String info = "configuration reloaded: shard map version " + outcome.mapVersion() + ", "
                        + outcome.databases() + " database(s), " + outcome.tables() + " table rule(s), " + outcome.users() + " user(s)";
                writer.ok(new OkPacket(0, 0, session.statusFlags() | moreFlag, 0, info));
            }
            case OperatorCommand.FlushHosts f -> {
                int forgotten = context.loginThrottle().flush();
                writer.ok(new OkPacket(forgotten, 0, session.statusFlags() | moreFlag, 0, ""));
            }
        }
    }

    private static String statementName(OperatorCommand command) {
        return switch (command) {
            case OperatorCommand.ShowShardFor s -> "SHOW SHARD FOR";
            case OperatorCommand.ShowQueryDigests d -> "SHOW QUERY DIGESTS";
            case OperatorCommand.ResetQueryDigests r -> "RESET QUERY DIGESTS";
            case OperatorCommand.ShowProxyStatus p -> "SHOW PROXY STATUS";
            case OperatorCommand.ReloadConfig r -> "RELOAD CONFIG";
            case OperatorCommand.FlushHosts f -> "FLUSH HOSTS";
        };
    }

    private LocalResult shardFor(Session session, OperatorCommand.ShowShardFor s) {
        ShardLocator.Location l;
        try {
            l = ShardLocator.locate(context.shardMap().get(), context.schemas(), session.schema(), s.database(), s.table(), s.value());
        } catch (RouteException e) {
            throw ProxyError.UNKNOWN_TABLE_RULE.exception(s.table(), e.getMessage());
        }
        return LocalResult.builder().text("database").text("table").text("shard_by").text("key").text("value")
                .text("keyspace_id").text("shard").text("range_start").text("range_end")
                .row(l.database(), l.table(), l.shardBy(), l.key(), l.value(), l.keyspaceId(), l.shard(), l.rangeStart(), l.rangeEnd())
                .build();
    }

    private LocalResult digests() {
        LocalResult.Builder b = LocalResult.builder().text("digest").text("schema").text("digest_text").number("count")
                .decimal("total_ms", 3).decimal("avg_ms", 3).decimal("max_ms", 3).number("rows_sent").number("errors")
                .number("shards_min").decimal("shards_avg", 2).number("shards_max").datetime("first_seen").datetime("last_seen");
        for (QueryDigests.Row r : context.digests().rows()) {
            b.row(digestId(r.schema(), r.text()), r.schema(), r.text(), r.count(), millis(r.totalNanos()), millis(r.avgNanos()),
                    millis(r.maxNanos()), r.rowsSent(), r.errors(), r.minShards(),
                    BigDecimal.valueOf(r.avgShards()).setScale(2, RoundingMode.HALF_UP), r.maxShards(),
                    datetime(r.firstSeenMillis()), datetime(r.lastSeenMillis()));
        }
        return b.build();
    }

    private LocalResult status() {
        long uptimeSeconds = ManagementFactory.getRuntimeMXBean().getUptime() / 1000;
        ConfigReloader config = context.config();
        return LocalResult.builder().text("Variable_name").text("Value")
                .row("version", context.serverVersion())
                .row("uptime_seconds", uptimeSeconds)
                .row("client_sessions", context.sessions().size())
                .row("statements_total", context.metrics().statementsTotal())
                .row("statements_failed", context.metrics().statementErrorsTotal())
                .row("statements_per_second_1m", BigDecimal.valueOf(context.metrics().statementsPerSecond()).setScale(1, RoundingMode.HALF_UP))
                .row("shards", context.backends().all().size())
                .row("shards_up", BackendProbe.primaries(context.backends(), LocalAnswers.PROBE_TIMEOUT_MILLIS).values().stream()
                        .filter(Boolean::booleanValue).count())
                .row("config_file", config.source().map(Object::toString).orElse("(none: given in code)"))
                .row("config_loaded_at", datetime(config.loadedAtMillis()))
                .row("shard_map_version", context.shardMap().get().version())
                .row("plan_cache_entries", context.plans().size())
                .row("query_digests", context.digests().size())
                .build();
    }

    /** A stable short id for a digest (its text's hash), as ProxySQL shows one. */
    private static String digestId(String schema, String text) {
        long h = 1125899906842597L;
        for (byte b : (schema + '\0' + text).getBytes(StandardCharsets.UTF_8)) {
            h = 31 * h + b;
        }
        return String.format("0x%016X", h);
    }

    private static BigDecimal millis(long nanos) {
        return BigDecimal.valueOf(nanos, 6).setScale(3, RoundingMode.HALF_UP);
    }

    private static String datetime(long epochMillis) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneId.systemDefault()).format(DATETIME);
    }
}
