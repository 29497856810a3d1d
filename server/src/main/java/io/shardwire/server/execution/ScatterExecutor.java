package io.shardwire.server.execution;

import com.mysql.cj.jdbc.JdbcConnection;
import io.shardwire.protocol.ServerStatus;
import io.shardwire.protocol.packet.ColumnDefinition;
import io.shardwire.rewrite.merge.ColumnInfo;
import io.shardwire.rewrite.merge.MergeException;
import io.shardwire.rewrite.merge.RowStream;
import io.shardwire.rewrite.merge.ValueComparator;
import io.shardwire.rewrite.pipeline.MergePipeline;
import io.shardwire.router.plan.ScatterPlan;
import io.shardwire.router.plan.ScatterRewriter;
import io.shardwire.router.route.Route;
import io.shardwire.router.route.RouteException;
import io.shardwire.server.ProxyContext;
import io.shardwire.server.backend.BackendConnection;
import io.shardwire.server.backend.BackendPool;
import io.shardwire.server.error.ErrorTranslator;
import io.shardwire.server.error.ProxyError;
import io.shardwire.server.session.Session;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs a scatter SELECT: sends each shard its rewritten SQL (all shards work at once, the proxy reads their
 * streamed results as the merge pulls), merges the rows as the rewriter planned, and streams the merged rows
 * to the client. Connections are settled per shard afterwards; a connection whose result was abandoned
 * half-read is aborted rather than drained.
 */
final class ScatterExecutor {
    /** Rows an operator that must buffer (sort after GROUP BY, DISTINCT) may hold before refusing. */
    private static final long MAX_BUFFERED_ROWS = 1_000_000;

    private final ProxyContext context;
    private final BackendExecutor executor;

    ScatterExecutor(ProxyContext context, BackendExecutor executor) {
        this.context = context;
        this.executor = executor;
    }

    /** The rewriter's per-shard SQL and merge; a refusal becomes the matching MySQL error (EXPLAIN ROUTE too). */
    static ScatterPlan plan(Route.Scatter route) {
        try {
            return ScatterRewriter.rewrite(route);
        } catch (RouteException e) {
            throw e.parseError() ? ProxyError.PARSE_ERROR.exception(e.getMessage()) : ProxyError.ROUTE_REFUSED.exception(e.getMessage());
        }
    }

    void run(Session session, Route.Scatter route, ResultWriter writer, boolean more) throws SQLException {
        ScatterPlan plan = plan(route);
        List<BackendRowStream> streams = new ArrayList<>();
        boolean completed = false;
        try {
            for (Route.ShardSql query : plan.queries()) {
                streams.add(open(session, query));
            }
            RowStream merged;
            try {
                merged = MergePipeline.build(plan.merge(), new ArrayList<>(streams),
                        declaredCollations(streams.get(0).definitions()), MAX_BUFFERED_ROWS, divPrecisionIncrement(session));
                List<ColumnDefinition> definitions = definitions(merged.columns(), streams.get(0).definitions());
                int status = session.statusFlags();
                writer.columns(definitions, status);
                long rows = 0;
                byte[][] row;
                while ((row = merged.next()) != null) {
                    if ((rows++ & 0xFF) == 0 && !writer.clientOpen()) {
                        throw new ClientGoneException();
                    }
                    writer.row(row);
                }
                merged.close();
                writer.end(0, session.statusFlags() | (more ? ServerStatus.MORE_RESULTS_EXISTS : 0));
            } catch (BackendRowStream.BackendStreamException e) {
                throw e.sqlException();
            } catch (MergeException e) {
                throw ProxyError.MERGE_FAILED.exception(e.getMessage());
            }
            completed = true;
        } catch (SQLException | RuntimeException e) {
            if (abort(session, streams) && !(e instanceof ClientGoneException)) {
                // a shard's part of the open transaction is gone with its connection: end it everywhere
                executor.evictAll(session);
                throw ProxyError.TRANSACTION_ROLLED_BACK.exception(ErrorTranslator.toErr(e, "").message());
            }
            throw e;
        } finally {
            if (completed) {
                for (BackendRowStream stream : streams) {
                    stream.close();
                    executor.settle(session, stream.connection(), !stream.connection().isBroken(), Set.of());
                }
            }
        }
        session.rowCount(-1);
    }

    private BackendRowStream open(Session session, Route.ShardSql query) throws SQLException {
        BackendPool pool = context.backends().shard(query.shard()).primary();
        BackendConnection connection = executor.acquire(session, pool);
        Statement statement = null;
        try {
            StateSynchronizer.sync(connection, session);
            statement = connection.jdbc().createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(Integer.MIN_VALUE);
            statement.setEscapeProcessing(false);
            // the time to the shard's first answer: its rows then stream while the merge reads them
            long start = System.nanoTime();
            boolean answered = false;
            try {
                answered = statement.execute(query.sql());
            } finally {
                context.metrics().backendStatement(query.shard(), "primary", answered, System.nanoTime() - start);
            }
            if (!answered) {
                throw ProxyError.INTERNAL.exception("shard " + query.shard() + " returned no rows for a SELECT");
            }
            return new BackendRowStream(connection, statement, statement.getResultSet());
        } catch (SQLException | RuntimeException e) {
            if (statement != null) {
                try {
                    statement.close();
                } catch (SQLException ignored) {
                    // the connection is settled below
                }
            }
            boolean healthy = e instanceof SQLException s && ErrorTranslator.isServerError(s) && !connection.isBroken();
            executor.settle(session, connection, healthy, Set.of());
            throw e;
        }
    }

    /** The session's div_precision_increment (AVG's extra decimals), 4 unless the client set it. */
    private static int divPrecisionIncrement(Session session) {
        String value = session.variables().values().get("div_precision_increment");
        if (value == null) {
            return 4;
        }
        try {
            return Integer.parseInt(value.replace("'", "").strip());
        } catch (NumberFormatException e) {
            return 4;
        }
    }

    /**
     * The collation each column was declared with, found from its origin table and column: backends report
     * the connection's collation in result metadata, but sort by the column's own.
     */
    private List<Integer> declaredCollations(List<ColumnDefinition> columns) {
        List<Integer> ids = new ArrayList<>(columns.size());
        for (ColumnDefinition c : columns) {
            ids.add(context.schemas().collation(c.schema(), c.orgTable(), c.orgName())
                    .map(ValueComparator::collationId).orElse(ValueComparator.AS_REPORTED));
        }
        return ids;
    }

    /**
     * The client sees the backend's own column definitions, except where the merge changed a column's type
     * (AVG and SUM results): those keep the names and origin of the first shard's definition.
     */
    private static List<ColumnDefinition> definitions(List<ColumnInfo> merged, List<ColumnDefinition> original) {
        List<ColumnDefinition> result = new ArrayList<>(merged.size());
        for (int i = 0; i < merged.size(); i++) {
            ColumnInfo c = merged.get(i);
            ColumnDefinition o = original.get(i);
            if (c.type() == o.type() && c.flags() == o.flags() && c.decimals() == o.decimals() && c.length() == o.length()
                    && c.collationId() == o.collationId()) {
                result.add(o);
            } else {
                result.add(new ColumnDefinition(o.schema(), o.table(), o.orgTable(), o.name(), o.orgName(),
                        c.collationId(), c.length(), c.type(), c.flags(), c.decimals()));
            }
        }
        return result;
    }

    /**
     * Closes the sockets of connections whose results were not read to the end (draining them could take
     * minutes). Returns true when one of them was part of the session's transaction.
     */
    private boolean abort(Session session, List<BackendRowStream> streams) {
        boolean lostTransaction = false;
        for (BackendRowStream stream : streams) {
            BackendConnection connection = stream.connection();
            lostTransaction |= session.reasons(connection).contains(Session.PinReason.TRANSACTION);
            try {
                connection.jdbc().unwrap(JdbcConnection.class).abortInternal();
            } catch (SQLException e) {
                // evicted below either way
            }
            executor.settle(session, connection, false, Set.of());
        }
        return lostTransaction;
    }
}
