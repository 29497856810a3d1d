package io.shardwire.server.execution;

import io.shardwire.router.classify.FrontendStatement;
import io.shardwire.server.ProxyContext;
import io.shardwire.server.backend.BackendAddress;
import io.shardwire.server.backend.Shard;
import io.shardwire.router.plan.ScatterPlan;
import io.shardwire.router.route.Route;
import io.shardwire.router.sql.SqlTokenizer;
import io.shardwire.router.sql.Token;
import io.shardwire.server.error.ProxyError;
import io.shardwire.server.session.Grants;
import io.shardwire.server.session.Session;
import io.shardwire.shardmap.LogicalDatabase;
import java.sql.SQLException;
import io.shardwire.router.route.KeyTrace;
import io.shardwire.router.route.RouteException;
import io.shardwire.router.route.ShardLocator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import io.shardwire.server.backend.BackendProbe;
import java.util.stream.Collectors;

/**
 * Statements the proxy answers itself: SHOW PROCESSLIST (the proxy's sessions, with the proxy's ids), SHOW STATUS
 * LIKE 'Ssl%' (the client's TLS, see {@link SslStatus}) and the operator statements of the contract (SHOW SHARDS, SHOW BACKENDS, SHOW SHARDED
 * TABLES, EXPLAIN ROUTE). The operator SHOW statements only read, so every user may run them; statements
 * that change the cluster will need {@code admin: true}.
 */
final class LocalAnswers {
    /** How long SHOW SHARDS and SHOW BACKENDS wait for a backend's answer before calling it down. */
    static final int PROBE_TIMEOUT_MILLIS = 1500;
    private final ProxyContext context;

    LocalAnswers(ProxyContext context) {
        this.context = context;
    }

    /** Answers a SHOW the proxy owns; false when the backend should answer it. */
    boolean answerShow(Session session, FrontendStatement.Show show, ResultWriter writer, int moreFlag) throws SQLException {
        LocalResult result = switch (show.what()) {
            case "PROCESSLIST", "FULL PROCESSLIST" -> processList(session, show.what().startsWith("FULL"));
            case "SHARDS" -> shards();
            case "BACKENDS" -> backends();
            case "SHARDED TABLES" -> shardedTables();
            default -> switch (show.what().split(" ", 2)[0]) {
                case "GRANTS" -> grants(session, show);
                case "DATABASES", "SCHEMAS" -> session.admin() ? null : databases(session, show);
                default -> SslStatus.answer(session, show.what(), show.sql());
            };
        };
        if (result == null) {
            return false;
        }
        write(session, result, writer, moreFlag);
        return true;
    }

    /**
     * EXPLAIN ROUTE: one row per shard the statement would run on, with the SQL sent there; nothing runs. After the
     * contract's two columns: the route variant, the merge at the proxy, how many shards it fans out to, and the
     * shard-key values that led to this shard with their keyspace ids and the key ranges that hold them.
     */
    void explainRoute(Session session, Route route, KeyTrace trace, ResultWriter writer, int moreFlag) {
        LocalResult.Builder b = LocalResult.builder().text("shard").text("sql").text("variant").text("merge")
                .number("shard_count").text("key_values").text("keyspace_ids").text("key_ranges");
        List<ShardLocator.Location> keys = keyLocations(trace);
        switch (route) {
            case Route.Single s -> explainRow(b, s.shard(), s.sql(), s.variant(), "", 1, keys);
            case Route.Fanout f -> f.statements().forEach(q -> explainRow(b, q.shard(), q.sql(), f.variant(),
                    "sum of affected rows", f.statements().size(), keys));
            case Route.Scatter s -> {
                ScatterPlan plan = ScatterExecutor.plan(s);
                plan.queries().forEach(q -> explainRow(b, q.shard(), q.sql(), s.variant(), plan.merge().toString(),
                        plan.queries().size(), keys));
            }
        }
        write(session, b.build(), writer, moreFlag);
    }

    private static void explainRow(LocalResult.Builder b, String shard, String sql, Route.Variant variant, String merge,
                                   int shardCount, List<ShardLocator.Location> keys) {
        List<ShardLocator.Location> here = keys.stream().filter(k -> k.shard().equals(shard)).toList();
        String values = here.stream().map(k -> k.table() + "." + k.key() + "=" + k.value()).collect(Collectors.joining(", "));
        String ids = here.stream().map(k -> k.keyspaceId() == null ? "-" : k.keyspaceId()).collect(Collectors.joining(", "));
        String ranges = here.stream().map(k -> "[" + k.rangeStart() + ", " + (k.rangeEnd().isEmpty() ? "end" : k.rangeEnd()) + ")")
                .distinct().collect(Collectors.joining(", "));
        b.row(shard, sql, variant.name(), merge, shardCount, values, ids, ranges);
    }

    /** Where each shard-key value the router read lives; values that do not convert are left out. */
    private static List<ShardLocator.Location> keyLocations(KeyTrace trace) {
        List<ShardLocator.Location> locations = new ArrayList<>();
        for (KeyTrace.KeyLookup lookup : trace.lookups()) {
            if (lookup.kind() != KeyTrace.Kind.VALUES || lookup.rule() instanceof io.shardwire.shardmap.TableRule.Broadcast) {
                continue;
            }
            for (String value : new LinkedHashSet<>(lookup.values())) {
                try {
                    locations.add(ShardLocator.locate("", lookup.rule(), lookup.keyType(), value));
                } catch (RouteException e) {
                    // the router asked every shard for it; there is no one place to show
                }
            }
        }
        return locations;
    }

    /** The proxy's sessions; a login that is not admin sees its own user's only, as without PROCESS on MySQL. */
    private LocalResult processList(Session session, boolean full) {
        LocalResult.Builder b = LocalResult.builder().number("Id").text("User").text("Host").text("db").text("Command")
                .number("Time").text("State").text("Info");
        long now = System.currentTimeMillis();
        for (Session s : context.sessions().all()) {
            if (!session.admin() && !s.user().equals(session.user())) {
                continue;
            }
            String info = s.info();
            if (info != null && !full && info.length() > 100) {
                info = info.substring(0, 100);
            }
            b.row(s.id(), s.user(), s.host(), s.schema(), s.command(), (now - s.commandStartMillis()) / 1000,
                    s.command().equals("Sleep") ? "" : "executing", info);
        }
        return b.build();
    }

    /**
     * SHOW GRANTS [FOR user]: what the proxy login may do (the proxy decides that, not the backend account), in
     * MySQL's form: admins ALL PRIVILEGES on *.*, others USAGE on *.* and, per logical database they may use, ALL
     * PRIVILEGES or (read_only) SELECT. Another login's grants are for admins only, as MySQL needs SELECT on mysql.
     */
    private LocalResult grants(Session session, FrontendStatement.Show show) {
        String user = grantee(show.sql());
        Grants grants;
        if (user == null || user.equals(session.user())) {
            user = session.user();
            grants = session.grants();
        } else if (!session.admin()) {
            throw ProxyError.DATABASE_ACCESS_DENIED.exception(session.user(), session.host(), "mysql");
        } else {
            String name = user;
            grants = context.config().grantsOf(user).orElseThrow(() -> ProxyError.NO_SUCH_GRANT.exception(name, "%"));
        }
        String to = " TO `" + user.replace("`", "``") + "`@`%`";
        LocalResult.Builder b = LocalResult.builder().text("Grants for " + user + "@%");
        if (grants.admin()) {
            return b.row("GRANT ALL PRIVILEGES ON *.*" + to).build();
        }
        b.row("GRANT USAGE ON *.*" + to);
        for (LogicalDatabase db : context.shardMap().get().databases().values()) {
            if (grants.mayUse(db.name())) {
                b.row("GRANT " + (grants.readOnly() ? "SELECT" : "ALL PRIVILEGES") + " ON `" + db.name().replace("`", "``")
                        + "`.*" + to);
            }
        }
        return b.build();
    }

    /** The user of SHOW GRANTS FOR user[@host]; null for none or CURRENT_USER. */
    private static String grantee(String sql) {
        List<Token> tokens = SqlTokenizer.tokenize(sql);
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (tokens.get(i).isWord("FOR")) {
                Token user = tokens.get(i + 1);
                return user.isWord("CURRENT_USER") ? null : user.text();
            }
        }
        return null;
    }

    /**
     * SHOW DATABASES for a login that is not admin: information_schema and the logical databases it may use (the
     * backends' other schemas are not its business), filtered by LIKE as MySQL does.
     */
    private LocalResult databases(Session session, FrontendStatement.Show show) {
        List<Token> tokens = SqlTokenizer.tokenize(show.sql());
        String like = null;
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).isWord("WHERE")) {
                throw ProxyError.NOT_SUPPORTED.exception("SHOW DATABASES WHERE ...; use LIKE, or information_schema.SCHEMATA");
            }
            if (tokens.get(i).isWord("LIKE") && i + 1 < tokens.size()) {
                like = tokens.get(i + 1).text();
            }
        }
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        names.add("information_schema");
        for (LogicalDatabase db : context.shardMap().get().databases().values()) {
            if (session.grants().mayUse(db.name())) {
                names.add(db.name());
            }
        }
        LocalResult.Builder b = LocalResult.builder().text(like == null ? "Database" : "Database (" + like + ")");
        java.util.regex.Pattern pattern = like == null ? null : java.util.regex.Pattern.compile(LikePattern.toRegex(like));
        for (String name : names) {
            if (pattern == null || pattern.matcher(name).matches()) {
                b.row(name);
            }
        }
        return b.build();
    }

    /** SHOW SHARDS: status SERVING when the primary answers a probe now, DOWN otherwise. */
    private LocalResult shards() {
        LocalResult.Builder b = LocalResult.builder().text("shard").text("primary").text("replicas").text("status");
        Map<String, Boolean> up = BackendProbe.primaries(context.backends(), PROBE_TIMEOUT_MILLIS);
        for (Shard shard : context.backends().all()) {
            String replicas = shard.replicas().stream().map(BackendAddress::toString).collect(Collectors.joining(","));
            b.row(shard.name(), shard.primary().address().toString(), replicas, up.get(shard.name()) ? "SERVING" : "DOWN");
        }
        return b.build();
    }

    /** SHOW BACKENDS: every primary and replica, UP when it answers a probe now. */
    private LocalResult backends() {
        LocalResult.Builder b = LocalResult.builder().text("shard").text("role").text("address").text("state")
                .text("lag_seconds").number("active_connections").number("idle_connections");
        List<BackendAddress> all = new ArrayList<>();
        for (Shard shard : context.backends().all()) {
            all.add(shard.primary().address());
            all.addAll(shard.replicas());
        }
        Map<BackendAddress, Boolean> up = BackendProbe.probe(all, PROBE_TIMEOUT_MILLIS);
        for (Shard shard : context.backends().all()) {
            b.row(shard.name(), "primary", shard.primary().address().toString(), state(up, shard.primary().address()),
                    null, shard.primary().activeConnections(), shard.primary().idleConnections());
            for (BackendAddress replica : shard.replicas()) {
                b.row(shard.name(), "replica", replica.toString(), state(up, replica), null, 0, 0);
            }
        }
        return b.build();
    }

    private static String state(Map<BackendAddress, Boolean> up, BackendAddress address) {
        return up.getOrDefault(address, false) ? "UP" : "DOWN";
    }

    private LocalResult shardedTables() {
        LocalResult.Builder b = LocalResult.builder().text("database").text("table").text("shard_by").text("key");
        for (ProxyContext.ShardedTableInfo t : context.shardedTables()) {
            b.row(t.database(), t.table(), t.shardBy(), t.key());
        }
        return b.build();
    }

    static void write(Session session, LocalResult result, ResultWriter writer, int moreFlag) {
        int status = session.statusFlags();
        writer.columns(result.columns(), status);
        for (byte[][] row : result.rows()) {
            writer.row(row);
        }
        writer.end(0, status | moreFlag);
    }
}
