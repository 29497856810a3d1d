package io.shardwire.server.execution;

import io.shardwire.protocol.ServerStatus;
import io.shardwire.router.classify.FrontendStatement;
import io.shardwire.server.ProxyContext;
import io.shardwire.server.backend.BackendAddress;
import io.shardwire.server.backend.Shard;
import io.shardwire.router.plan.ScatterPlan;
import io.shardwire.router.route.Route;
import io.shardwire.server.session.Session;
import java.sql.SQLException;
import java.util.stream.Collectors;

/**
 * Statements the proxy answers itself: SHOW PROCESSLIST (the proxy's sessions, with the proxy's ids) and the operator statements of the contract (SHOW SHARDS, SHOW BACKENDS, SHOW SHARDED
 * TABLES, EXPLAIN ROUTE). The operator SHOW statements only read, so every user may run them; statements
 * that change the cluster will need {@code admin: true}.
 */
final class LocalAnswers {
    private final ProxyContext context;

    LocalAnswers(ProxyContext context) {
        this.context = context;
    }

    /** Answers a SHOW the proxy owns; false when the backend should answer it. */
    boolean answerShow(Session session, FrontendStatement.Show show, ResultWriter writer, int moreFlag) throws SQLException {
        LocalResult result = switch (show.what()) {
            case "PROCESSLIST", "FULL PROCESSLIST" -> processList(show.what().startsWith("FULL"));
            case "SHARDS" -> shards();
            case "BACKENDS" -> backends();
            case "SHARDED TABLES" -> shardedTables();
            default -> null;
        };
        if (result == null) {
            return false;
        }
        write(session, result, writer, moreFlag);
        return true;
    }

    /** EXPLAIN ROUTE: one row per shard the statement would run on, with the SQL sent there; nothing runs. */
    void explainRoute(Session session, Route route, ResultWriter writer, int moreFlag) {
        LocalResult.Builder b = LocalResult.builder().text("shard").text("sql").text("variant").text("merge");
        switch (route) {
            case Route.Single s -> b.row(s.shard(), s.sql(), s.variant().name(), "");
            case Route.Fanout f -> f.statements().forEach(q -> b.row(q.shard(), q.sql(), f.variant().name(), "sum of affected rows"));
            case Route.Scatter s -> {
                ScatterPlan plan = ScatterExecutor.plan(s);
                plan.queries().forEach(q -> b.row(q.shard(), q.sql(), s.variant().name(), plan.merge().toString()));
            }
        }
        write(session, b.build(), writer, moreFlag);
    }

    private LocalResult processList(boolean full) {
        LocalResult.Builder b = LocalResult.builder().number("Id").text("User").text("Host").text("db").text("Command")
                .number("Time").text("State").text("Info");
        long now = System.currentTimeMillis();
        for (Session s : context.sessions().all()) {
            String info = s.info();
            if (info != null && !full && info.length() > 100) {
                info = info.substring(0, 100);
            }
            b.row(s.id(), s.user(), s.host(), s.schema(), s.command(), (now - s.commandStartMillis()) / 1000,
                    s.command().equals("Sleep") ? "" : "executing", info);
        }
        return b.build();
    }

    private LocalResult shards() {
        LocalResult.Builder b = LocalResult.builder().text("shard").text("primary").text("replicas").text("status");
        for (Shard shard : context.backends().all()) {
            String replicas = shard.replicas().stream().map(BackendAddress::toString).collect(Collectors.joining(","));
            b.row(shard.name(), shard.primary().address().toString(), replicas, "SERVING");
        }
        return b.build();
    }

    private LocalResult backends() {
        LocalResult.Builder b = LocalResult.builder().text("shard").text("role").text("address").text("state")
                .text("lag_seconds").number("active_connections").number("idle_connections");
        for (Shard shard : context.backends().all()) {
            b.row(shard.name(), "primary", shard.primary().address().toString(), shard.primary().isUp() ? "UP" : "DOWN",
                    null, shard.primary().activeConnections(), shard.primary().idleConnections());
            for (BackendAddress replica : shard.replicas()) {
                b.row(shard.name(), "replica", replica.toString(), "UNKNOWN", null, 0, 0);
            }
        }
        return b.build();
    }

    private LocalResult shardedTables() {
        LocalResult.Builder b = LocalResult.builder().text("database").text("table").text("shard_by").text("key");
        for (ProxyContext.ShardedTableInfo t : context.shardedTables()) {
            b.row(t.database(), t.table(), t.shardBy(), t.key());
        }
        return b.build();
    }

    private static void write(Session session, LocalResult result, ResultWriter writer, int moreFlag) {
        int status = session.statusFlags();
        writer.columns(result.columns(), status);
        for (byte[][] row : result.rows()) {
            writer.row(row);
        }
        writer.end(0, status | moreFlag | (moreFlag != 0 ? ServerStatus.MORE_RESULTS_EXISTS : 0));
    }
}
