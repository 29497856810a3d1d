package io.shardwire.server.prepared;

import io.shardwire.protocol.binary.ExecuteParameters;
import io.shardwire.protocol.command.ComStmtClose;
import io.shardwire.protocol.command.ComStmtExecute;
import io.shardwire.protocol.command.ComStmtFetch;
import io.shardwire.protocol.command.ComStmtPrepare;
import io.shardwire.protocol.command.ComStmtReset;
import io.shardwire.protocol.command.ComStmtSendLongData;
import io.shardwire.protocol.packet.ColumnDefinition;
import io.shardwire.protocol.packet.EofPacket;
import io.shardwire.protocol.packet.OkPacket;
import io.shardwire.protocol.packet.StmtPrepareOk;
import io.shardwire.router.classify.FrontendStatement;
import io.shardwire.router.classify.StatementClassifier;
import io.shardwire.server.ProxyContext;
import io.shardwire.server.execution.StatementBudget;
import io.shardwire.server.error.ProxyError;
import io.shardwire.protocol.ServerStatus;
import io.shardwire.server.execution.BackendExecutor;
import io.shardwire.server.execution.CursorBuffer;
import io.shardwire.server.execution.QueryHandler;
import io.shardwire.server.execution.ResultWriter;
import io.shardwire.server.frontend.ClientChannel;
import io.shardwire.server.session.Session;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The prepared-statement commands of one session (MySQL "Prepared Statements"). The proxy keeps the
 * statements itself: a prepare asks a backend once for validation and metadata; an execution substitutes
 * the parameters as SQL literals and runs the statement through {@link QueryHandler} exactly like a text
 * query (so session state, transactions and routing apply), answering with binary rows.
 *
 * <p>Owned by the session's worker thread.
 */
public final class PreparedStatementCommands {
    /** Per session; MySQL's default max_prepared_stmt_count (for the whole server) is 16382. */
    public static final int DEFAULT_MAX_PER_SESSION = 16382;
    /** Most bytes of binary rows a session's open cursors may hold together (see {@link CursorBuffer}). */
    static final long MAX_CURSOR_BYTES = 64L << 20;

    private final ProxyContext context;
    private final QueryHandler queries;
    private final StatementDescriber describer;
    private final PreparedStatements statements;
    private final LongDataAllowance longData;

    /**
     * @param maxPerSession how many statements the session may hold open
     * @param maxLongData   most bytes COM_STMT_SEND_LONG_DATA may collect for one parameter, and for all the
     *                      session's statements together (max_allowed_packet)
     */
    public PreparedStatementCommands(ProxyContext context, BackendExecutor executor, QueryHandler queries,
                                     int maxPerSession, long maxLongData) {
        this.context = context;
        this.queries = queries;
        this.describer = new StatementDescriber(context, executor);
        this.statements = new PreparedStatements(maxPerSession);
        this.longData = new LongDataAllowance(maxLongData);
    }

    /** COM_STMT_PREPARE: answered with COM_STMT_PREPARE_OK, parameter and column definitions, or an ERR. */
    public void prepare(Session session, ComStmtPrepare command, ClientChannel out) throws SQLException {
        statements.forgetLast();
        statements.checkRoom();
        String sql = command.sql(session.clientCharset());
        List<ColumnDefinition> columns;
        SqlTemplate template;
        try (StatementBudget.Reservation heap = context.statementBudget().reserve(sql)) {
            template = SqlTemplate.parse(sql);
            columns = describe(session, sql, template);
        }
        ProxyPreparedStatement statement = new ProxyPreparedStatement(statements.nextId(), template, columns, longData);
        statements.add(statement);
        writePrepareOk(session, statement, out);
    }

    /**
     * The result columns, from a backend for statements it can prepare. Session, transaction and other
     * statements the proxy handles itself are accepted without one, with no columns, and so are those the
     * backend cannot prepare: MySQL supports many of them in prepared statements, and the proxy runs every
     * statement as text anyway.
     */
    private List<ColumnDefinition> describe(Session session, String sql, SqlTemplate template) throws SQLException {
        List<io.shardwire.router.sql.Token> tokens = io.shardwire.router.sql.SqlTokenizer.tokenize(sql);
        FrontendStatement statement = StatementClassifier.classify(sql, tokens);
        queries.access().check(session, statement, tokens);
        Optional<StatementDescriber.Description> description = switch (statement) {
            case FrontendStatement.Empty e -> throw ProxyError.EMPTY_QUERY.exception();
            case FrontendStatement.Generic g -> describer.describe(session, sql);
            case FrontendStatement.Show s -> describeShow(session, sql);
            case FrontendStatement.Use u -> Optional.empty();
            case FrontendStatement.SetStatement s -> Optional.empty();
            case FrontendStatement.Transaction t -> Optional.empty();
            case FrontendStatement.Kill k -> Optional.empty();
            case FrontendStatement.ExplainRoute e -> Optional.empty();
            case FrontendStatement.Operator o -> Optional.empty();
        };
        if (description.isEmpty()) {
            return List.of();
        }
        if (description.get().parameterCount() != template.parameterCount()) {
            throw ProxyError.PLACEHOLDER_MISMATCH.exception(template.parameterCount(),
                    description.get().parameterCount(), sql);
        }
        return description.get().columns();
    }

    /** Some SHOW statements are the proxy's own (SHOW SHARDS): a backend refusing one is not an error here. */
    private Optional<StatementDescriber.Description> describeShow(Session session, String sql) {
        try {
            return describer.describe(session, sql);
        } catch (SQLException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void writePrepareOk(Session session, ProxyPreparedStatement statement, ClientChannel out) {
        List<ColumnDefinition> columns = statement.columns();
        int parameters = statement.parameterCount();
        out.write(new StmtPrepareOk(statement.id(), columns.size(), parameters, 0)::writeTo);
        List<ColumnDefinition> parameterDefinitions = new ArrayList<>(parameters);
        for (int i = 0; i < parameters; i++) {
            parameterDefinitions.add(StmtPrepareOk.PARAMETER);
        }
        writeDefinitions(session, parameterDefinitions, out);
        writeDefinitions(session, columns, out);
    }

    /** A block of definitions; a non-empty block ends with an EOF unless the client has DEPRECATE_EOF. */
    private static void writeDefinitions(Session session, List<ColumnDefinition> definitions, ClientChannel out) {
        if (definitions.isEmpty()) {
            return;
        }
        definitions.forEach(d -> out.write(d::writeTo));
        if (!session.deprecateEof()) {
            out.write(new EofPacket(0, session.statusFlags())::writeTo);
        }
    }

    /**
     * COM_STMT_EXECUTE. A client that asks for a cursor gets one: the result is held by the proxy
     * ({@link CursorBuffer}) and read with COM_STMT_FETCH, as MySQL does it, because Connector/J reads
     * differently depending on its version when a server answers such a request without a cursor.
     */
    public void execute(Session session, ComStmtExecute command, ClientChannel out) {
        ProxyPreparedStatement statement = statements.require(command.statementId(), "mysqld_stmt_execute");
        statement.cursor(null);
        String sql;
        try {
            statement.throwDeferredError();
            ExecuteParameters parameters = ExecuteParameters.parse(command.parameters(), statement.parameterCount(),
                    statement.boundTypes(), statement::longData);
            if (parameters.newTypes()) {
                statement.boundTypes(parameters.types());
            }
            sql = render(session, statement, parameters);
        } finally {
            statement.clearLongData();
        }
        if (!command.cursorRequested()) {
            queries.handleStatement(session, sql, ResultWriter.forExecute(out, session.deprecateEof()), out);
            return;
        }
        statement.cursor(null); // a new execution closes the statement's cursor
        // the bound is the session's, for all its open cursors together: a session may hold thousands of statements
        CursorBuffer cursor = new CursorBuffer(MAX_CURSOR_BYTES - statements.openCursorBytes());
        queries.handleStatement(session, sql, ResultWriter.forCursor(out, session.deprecateEof(), cursor), out);
        if (cursor.opened()) {
            statement.cursor(cursor);
        }
    }

    private static String render(Session session, ProxyPreparedStatement statement, ExecuteParameters parameters) {
        boolean noBackslashEscapes = noBackslashEscapes(session);
        List<String> literals = new ArrayList<>(parameters.values().size());
        for (int i = 0; i < parameters.values().size(); i++) {
            literals.add(ParameterLiterals.render(parameters.values().get(i), parameters.types().get(i),
                    session.clientCharset(), noBackslashEscapes));
        }
        return statement.template().render(literals);
    }

    /**
     * Whether the session's sql_mode makes backslash an ordinary character in strings. The session's own
     * setting is known (SET reads back computed values); a session that never set sql_mode runs with the
     * backend's default, which the proxy assumes to have backslash escapes, MySQL's default.
     */
    private static boolean noBackslashEscapes(Session session) {
        for (var e : session.variables().values().entrySet()) {
            if (e.getKey().equalsIgnoreCase("sql_mode")) {
                return e.getValue().toUpperCase(Locale.ROOT).contains("NO_BACKSLASH_ESCAPES");
            }
        }
        return false;
    }

    /** COM_STMT_SEND_LONG_DATA: appended to the parameter's value; never answered, problems wait for execute. */
    public void sendLongData(ComStmtSendLongData command) {
        ProxyPreparedStatement statement = statements.find(command.statementId());
        if (statement != null) {
            statement.appendLongData(command.parameterId(), command.data());
        }
    }

    /** COM_STMT_RESET: drops the long data and closes the cursor; answered with OK. */
    public void reset(Session session, ComStmtReset command, ClientChannel out) {
        ProxyPreparedStatement statement = statements.require(command.statementId(), "mysqld_stmt_reset");
        statement.clearLongData();
        statement.cursor(null);
        out.writeOk(OkPacket.of(session.statusFlags()));
    }

    /** COM_STMT_CLOSE: never answered, not even for an unknown id. */
    public void close(ComStmtClose command) {
        statements.remove(command.statementId());
    }

    /**
     * COM_STMT_FETCH: the next rows of the statement's cursor, then a status with SERVER_STATUS_CURSOR_EXISTS
     * while rows remain, or SERVER_STATUS_LAST_ROW_SENT once the last one went (and the cursor closes).
     */
    public void fetch(Session session, ComStmtFetch command, ClientChannel out) {
        ProxyPreparedStatement statement = statements.require(command.statementId(), "mysqld_stmt_fetch");
        CursorBuffer cursor = statement.cursor();
        if (cursor == null) {
            throw ProxyError.NO_OPEN_CURSOR.exception(statement.id());
        }
        for (byte[] row : cursor.fetch(command.rows())) {
            out.write(buf -> buf.writeBytes(row));
        }
        ResultWriter writer = ResultWriter.forExecute(out, session.deprecateEof());
        if (cursor.exhausted()) {
            statement.cursor(null);
            writer.status(0, session.statusFlags() | ServerStatus.LAST_ROW_SENT);
        } else {
            writer.status(0, session.statusFlags() | ServerStatus.CURSOR_EXISTS);
        }
    }

    /** COM_RESET_CONNECTION: every statement goes. */
    public void clear() {
        statements.clear();
    }
}
