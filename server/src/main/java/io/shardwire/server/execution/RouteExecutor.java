package io.shardwire.server.execution;

import io.shardwire.protocol.ServerStatus;
import io.shardwire.protocol.packet.OkPacket;
import io.shardwire.router.route.Route;
import io.shardwire.server.ProxyContext;
import io.shardwire.server.backend.BackendPool;
import io.shardwire.server.error.ErrorTranslator;
import io.shardwire.server.error.ProxyError;
import io.shardwire.server.session.Session;
import io.shardwire.server.session.Session.PinReason;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs a routed statement: on one shard as written, on several shards as a fan-out of writes whose counts
 * are summed, or as a scatter SELECT whose rows are merged.
 */
final class RouteExecutor {
    private final ProxyContext context;
    private final BackendExecutor executor;
    private final ScatterExecutor scatter;

    RouteExecutor(ProxyContext context, BackendExecutor executor) {
        this.context = context;
        this.executor = executor;
        this.scatter = new ScatterExecutor(context, executor);
    }

    void run(Session session, Route route, ResultWriter writer, Set<PinReason> pinFor, boolean more) throws SQLException {
        switch (route) {
            case Route.Single single -> forward(session, pool(single.shard()), single.sql(), writer, pinFor, more);
            case Route.Fanout fanout -> fanout(session, fanout, writer, pinFor, more);
            case Route.Scatter s -> scatter.run(session, s, writer, more);
        }
    }

    void forward(Session session, BackendPool pool, String sql, ResultWriter writer, Set<PinReason> pinFor,
                 boolean more) throws SQLException {
        BackendExecutor.Outcome outcome = executor.forward(session, pool, sql, writer, pinFor, more);
        remember(session, outcome);
    }

    /**
     * The same or split statements on several shards, one after another. A failure after some shards applied
     * the statement says which did: without two-phase commit nothing undoes them.
     */
    private void fanout(Session session, Route.Fanout fanout, ResultWriter writer, Set<PinReason> pinFor, boolean more)
            throws SQLException {
        long affected = 0;
        long insertId = 0;
        int warnings = 0;
        int status = 0;
        List<String> applied = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        List<String> infos = new ArrayList<>();
        // the same statement on every copy (DDL, broadcast writes) warns once per copy: the client wrote it once
        boolean sameEverywhere = fanout.variant() == Route.Variant.BROADCAST_WRITE || fanout.variant() == Route.Variant.DDL_FANOUT;
        for (Route.ShardSql statement : fanout.statements()) {
            BackendExecutor.Outcome outcome;
            try {
                outcome = executor.update(session, pool(statement.shard()), statement.sql(), pinFor);
            } catch (SQLException | RuntimeException e) {
                if (applied.isEmpty()) {
                    throw e;
                }
                throw ProxyError.PARTIAL_FANOUT.exception(statement.shard(), applied,
                        ErrorTranslator.toErr(e, statement.shard()).message());
            }
            applied.add(statement.shard());
            counts.add(outcome.affectedRows());
            affected += outcome.affectedRows();
            insertId = insertId == 0 ? outcome.lastInsertId() : insertId;
            warnings = sameEverywhere ? Math.max(warnings, outcome.warnings()) : warnings + outcome.warnings();
            infos.add(outcome.info());
            status = outcome.statusFlags();
        }
        if (fanout.variant() == Route.Variant.BROADCAST_WRITE) {
            if (counts.stream().distinct().count() > 1) {
                throw ProxyError.BROADCAST_MISMATCH.exception(applied, counts);
            }
            affected = counts.isEmpty() ? 0 : counts.get(0);
        }
        String info = sameEverywhere ? infos.stream().filter(i -> !i.isEmpty()).findFirst().orElse("")
                : OkInfo.sum(infos, warnings);
        OkPacket ok = new OkPacket(affected, insertId,
                session.statusFlags() | (status & ServerStatus.NO_BACKSLASH_ESCAPES) | (more ? ServerStatus.MORE_RESULTS_EXISTS : 0),
                warnings, info);
        remember(session, new BackendExecutor.Outcome(status, insertId, affected, warnings));
        writer.ok(ok);
    }

    private static void remember(Session session, BackendExecutor.Outcome outcome) {
        if (outcome.lastInsertId() != 0) {
            session.lastInsertId(outcome.lastInsertId());
        }
        session.rowCount(outcome.affectedRows());
        session.autocommit((outcome.statusFlags() & ServerStatus.AUTOCOMMIT) != 0);
    }

    private BackendPool pool(String shard) {
        return context.backends().shard(shard).primary();
    }
}
