package io.shardwire.server.execution;

import io.shardwire.protocol.ServerStatus;
import io.shardwire.protocol.command.ComQuery;
import io.shardwire.protocol.packet.OkPacket;
import io.shardwire.router.classify.FrontendStatement;
import io.shardwire.router.classify.StatementClassifier;
import io.shardwire.router.classify.StatementSplitter;
import io.shardwire.router.route.Route;
import io.shardwire.router.route.RouteException;
import io.shardwire.router.route.KeyTrace;
import io.shardwire.router.route.PlanCache;
import io.shardwire.router.route.StatementRouter;
import io.shardwire.router.sql.SqlTokenizer;
import io.shardwire.router.sql.Token;
import java.util.function.Supplier;
import io.shardwire.router.sql.SqlDigest;
import io.shardwire.server.ProxyContext;
import io.shardwire.server.backend.BackendPool;
import io.shardwire.server.error.ErrorTranslator;
import io.shardwire.server.error.ProxyError;
import io.shardwire.server.error.ProxyException;
import io.shardwire.server.frontend.ClientChannel;
import io.shardwire.server.session.Session;
import io.shardwire.server.session.Session.PinReason;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * COM_QUERY: splits a multi-statement text, classifies each statement and runs it: session statements
 * (USE, SET, transactions) are tracked so pooled backend connections can be brought in line, statements the
 * proxy answers itself are answered, everything else goes to the session's shard. The first error ends the
 * query, as on MySQL.
 */
public final class QueryHandler {
    private static final Logger log = LoggerFactory.getLogger(QueryHandler.class);

    private final ProxyContext context;
    private final BackendExecutor executor;
    private final UtilityCommands utility;
    private final SetHandler setHandler;
    private final LocalAnswers localAnswers;
    private final TransactionHandler transactions;
    private final RouteExecutor routes;
    private final OperatorCommands operators;
    private final AccessControl access;

    public QueryHandler(ProxyContext context, BackendExecutor executor, UtilityCommands utility, AccessControl access) {
        this.context = context;
        this.executor = executor;
        this.utility = utility;
        this.setHandler = new SetHandler(executor);
        this.localAnswers = new LocalAnswers(context);
        this.transactions = new TransactionHandler(executor);
        this.routes = new RouteExecutor(context, executor);
        this.operators = new OperatorCommands(context);
        this.access = access;
    }

    /** The privilege check every statement passes before it reaches a backend. */
    public AccessControl access() {
        return access;
    }

    public void handle(Session session, ComQuery query, ClientChannel out) {
        withStatementHeap(() -> context.statementBudget().reserve(query.sql()), session, out,
                () -> handleText(session, query, out));
    }

    /** Runs {@code work} with heap reserved for a large statement; a refusal is answered here, as an ERR packet. */
    private void withStatementHeap(Supplier<StatementBudget.Reservation> reserve, Session session, ClientChannel out,
                                   Runnable work) {
        StatementBudget.Reservation heap;
        try {
            heap = reserve.get();
        } catch (ProxyException e) {
            context.metrics().refusal("statement_memory");
            fail(session, out, e, "");
            return;
        }
        try (heap) {
            work.run();
        }
    }

    private void handleText(Session session, ComQuery query, ClientChannel out) {
        String text = QueryText.decode(query.sql(), session.clientCharset(), backslashEscapes(session));
        if (text.indexOf('\uFFFD') >= 0 && !isText(query.sql(), session.clientCharset())) {
            // the backend gets the text re-encoded: bytes that are not text in the client's charset would arrive
            // as U+FFFD, the data silently changed; QueryText saved those in string literals (raw binary values,
            // as PyMySQL's _binary'...' sends them), these are elsewhere
            fail(session, out, ProxyError.NOT_SUPPORTED.exception("bytes that are not " + session.clientCharsetName()
                    + " text in a query (a raw binary value?), as they would reach the backend changed;"
                    + " send binary values as hex literals (X'...')"), "parse");
            return;
        }
        List<StatementSplitter.Piece> statements = StatementSplitter.splitTokenized(text);
        ResultWriter writer = new ResultWriter(out, session.deprecateEof());
        if (statements.size() > 1 && !session.multiStatements()) {
            fail(session, out, ProxyError.MULTI_STATEMENTS_OFF.exception(statements.size()), "parse");
            return;
        }
        for (int i = 0; i < statements.size(); i++) {
            boolean more = i < statements.size() - 1;
            StatementSplitter.Piece piece = statements.get(i);
            if (!runOne(session, piece.sql(), piece.tokens(), writer, out, more)) {
                return;
            }
        }
    }

    /**
     * One statement on the same path as a COM_QUERY statement, answered through {@code writer}: how
     * COM_STMT_EXECUTE runs a prepared statement once its parameters are substituted, so that session state,
     * transactions and routing behave exactly as for text queries. Errors are answered here, as ERR packets.
     */
    public void handleStatement(Session session, String sql, ResultWriter writer, ClientChannel out) {
        withStatementHeap(() -> context.statementBudget().reserve(sql), session, out,
                () -> runOne(session, sql, SqlTokenizer.tokenize(sql), writer, out, false));
    }

    private static boolean isText(byte[] bytes, Charset charset) {
        try {
            charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Whether '\' escapes in string literals: not under sql_mode NO_BACKSLASH_ESCAPES. */
    private static boolean backslashEscapes(Session session) {
        String sqlMode = session.variables().values().get("sql_mode");
        return sqlMode == null || !sqlMode.toUpperCase(Locale.ROOT).contains("NO_BACKSLASH_ESCAPES");
    }

    private boolean runOne(Session session, String sql, List<Token> tokens, ResultWriter writer, ClientChannel out,
                           boolean more) {
        FrontendStatement statement = StatementClassifier.classify(sql, tokens);
        SqlDigest digest = SqlDigest.of(tokens);
        String kind = kindOf(statement);
        String schema = session.schema();
        session.startCommand("Query", sql);
        executor.release(session, PinReason.FOUND_ROWS);
        long start = System.nanoTime();
        long rowsBefore = writer.rowsSent();
        BackendPool pool = context.shardFor(schema).primary();
        Ran ran = Ran.NOTHING;
        try {
            access.check(session, statement, tokens);
            ran = execute(session, statement, digest, pool, writer, more);
            account(session, schema, digest, kind, ran, true, System.nanoTime() - start, writer.rowsSent() - rowsBefore);
            return true;
        } catch (SQLException | RuntimeException e) {
            account(session, schema, digest, kind, ran, false, System.nanoTime() - start, writer.rowsSent() - rowsBefore);
            if (e instanceof ClientGoneException) {
                log.debug("client {} left during a result", session.id());
                return false;
            }
            if (!(e instanceof SQLException) && !(e instanceof io.shardwire.server.error.ProxyException)) {
                log.warn("statement failed in the proxy: {}", sql, e);
            }
            fail(session, out, e, pool.name());
            return false;
        } finally {
            session.endCommand();
        }
    }

    /** One statement into the metrics, the digest statistics and (when slow) the slow-query log. */
    private void account(Session session, String schema, SqlDigest digest, String kind, Ran ran, boolean ok, long nanos,
                         long rowsSent) {
        context.metrics().statement(kind, ran.route(), ok, nanos, ran.shards());
        context.digests().record(schema, digest.text(), nanos, rowsSent, !ok, ran.shards());
        if (context.slowQueries().isPresent()) {
            context.slowQueries().get().record(session.user(), schema, digest.text(), nanos, ran.shards(), !ok);
        }
    }

    /** Where a statement ran, for metrics and digests: the route variant (or what answered it) and how many shards. */
    private record Ran(String route, int shards) {
        static final Ran NOTHING = new Ran("none", 0);
        static final Ran LOCAL = new Ran("local", 0);
        static final Ran SESSION = new Ran("session", 0);

        static Ran of(Route route) {
            int shards = switch (route) {
                case Route.Single s -> 1;
                case Route.Scatter s -> s.shards().size();
                case Route.Fanout f -> f.statements().size();
            };
            return new Ran(variantOf(route).name().toLowerCase(Locale.ROOT), shards);
        }

        private static Route.Variant variantOf(Route route) {
            return switch (route) {
                case Route.Single s -> s.variant();
                case Route.Scatter s -> s.variant();
                case Route.Fanout f -> f.variant();
            };
        }
    }

    private Ran execute(Session session, FrontendStatement statement, SqlDigest digest, BackendPool pool,
                        ResultWriter writer, boolean more) throws SQLException {
        int moreFlag = more ? ServerStatus.MORE_RESULTS_EXISTS : 0;
        switch (statement) {
            case FrontendStatement.Empty e -> throw ProxyError.EMPTY_QUERY.exception();
            case FrontendStatement.Use use -> {
                utility.initDb(session, use.schema());
                writer.ok(OkPacket.of(session.statusFlags() | moreFlag));
                return Ran.SESSION;
            }
            case FrontendStatement.SetStatement set -> {
                setHandler.handle(session, pool, set);
                writer.ok(OkPacket.of(session.statusFlags() | moreFlag));
                return Ran.SESSION;
            }
            case FrontendStatement.Transaction tx -> {
                transactions.handle(session, pool, tx, writer, more);
                return Ran.SESSION;
            }
            case FrontendStatement.Show show -> {
                if (localAnswers.answerShow(session, show, writer, moreFlag)) {
                    return Ran.LOCAL;
                }
                routes.forward(session, pool, show.sql(), writer, EnumSet.noneOf(PinReason.class), more);
                return new Ran("default_shard", 1);
            }
            case FrontendStatement.Kill kill -> {
                utility.kill(session, kill.connectionId(), kill.queryOnly());
                writer.ok(OkPacket.of(session.statusFlags() | moreFlag));
                return Ran.LOCAL;
            }
            case FrontendStatement.ExplainRoute explain -> {
                KeyTrace trace = new KeyTrace();
                Route route = routed(() -> new StatementRouter(context.shardMap().get(), context.schemas(), session.schema(), trace)
                        .route(explain.statement()));
                localAnswers.explainRoute(session, route, trace, writer, moreFlag);
                return Ran.LOCAL;
            }
            case FrontendStatement.Operator operator -> {
                operators.run(session, operator.command(), writer, moreFlag);
                return Ran.LOCAL;
            }
            case FrontendStatement.Generic generic -> {
                String sql = SessionFunctions.substitute(session, generic);
                Route route = route(session, sql, sql.equals(generic.sql()) ? digest : null);
                Ran ran = Ran.of(route);
                routes.run(session, route, writer, pinReasons(generic), more);
                if (generic.has(FrontendStatement.Trait.DDL)) {
                    context.schemas().invalidate(null, null);
                    context.plans().clear();
                }
                return ran;
            }
        }
    }

    /** Routes a statement on the current shard map through the plan cache; {@code digest} is sql's, or null. */
    private Route route(Session session, String sql, SqlDigest digest) {
        return routed(() -> {
            PlanCache.Result result = context.plans().route(context.shardMap().get(), context.schemas(), session.schema(),
                    sql, digest != null ? digest : SqlDigest.of(sql));
            context.metrics().planCache(result.outcome());
            return result.route();
        });
    }

    /** A routing decision; a refusal becomes the matching MySQL error. */
    private static Route routed(Supplier<Route> routing) {
        try {
            return routing.get();
        } catch (RouteException e) {
            throw e.parseError() ? ProxyError.PARSE_ERROR.exception(e.getMessage())
                    : ProxyError.ROUTE_REFUSED.exception(e.getMessage());
        }
    }

    private static Set<PinReason> pinReasons(FrontendStatement.Generic generic) {
        Set<PinReason> reasons = EnumSet.noneOf(PinReason.class);
        if (generic.has(FrontendStatement.Trait.ASSIGNS_USER_VARIABLE)) {
            reasons.add(PinReason.USER_VARIABLES);
        }
        if (generic.has(FrontendStatement.Trait.CREATES_TEMPORARY_TABLE)) {
            reasons.add(PinReason.TEMPORARY_TABLES);
        }
        if (generic.has(FrontendStatement.Trait.TAKES_LOCK)) {
            reasons.add(PinReason.LOCKS);
        }
        if (generic.has(FrontendStatement.Trait.SQL_PREPARED_STATEMENT)) {
            reasons.add(PinReason.SQL_PREPARED_STATEMENTS);
        }
        if (generic.has(FrontendStatement.Trait.CALC_FOUND_ROWS)) {
            // FOUND_ROWS() in the next statement reads this connection's last result
            reasons.add(PinReason.FOUND_ROWS);
        }
        return reasons;
    }

    private void fail(Session session, ClientChannel out, Exception e, String backend) {
        context.metrics().error(e instanceof SQLException s && ErrorTranslator.isServerError(s) ? "backend" : "proxy");
        out.writeErr(ErrorTranslator.toErr(e, backend));
    }

    private static String kindOf(FrontendStatement statement) {
        return switch (statement) {
            case FrontendStatement.Generic g -> g.keyword().isEmpty() ? "other" : g.keyword().toLowerCase(Locale.ROOT);
            case FrontendStatement.Use u -> "use";
            case FrontendStatement.SetStatement s -> "set";
            case FrontendStatement.Transaction t -> "transaction";
            case FrontendStatement.Show s -> "show";
            case FrontendStatement.Kill k -> "kill";
            case FrontendStatement.ExplainRoute e -> "explain_route";
            case FrontendStatement.Operator o -> "operator";
            case FrontendStatement.Empty e -> "empty";
        };
    }
}
