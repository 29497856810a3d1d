package io.shardwire.router.route;

import io.shardwire.router.sql.SqlTokenizer;
import io.shardwire.router.sql.Token;
import io.shardwire.shardmap.LogicalDatabase;
import io.shardwire.shardmap.ShardMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.sf.jsqlparser.parser.AbstractJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.upsert.Upsert;

/**
 * Routes one statement on one shard-map snapshot. A statement that names no sharded or broadcast table
 * (checked on tokens, so even SQL the parser cannot read) runs on the session database's default shard as
 * written; DDL is routed from tokens; SELECT, INSERT, REPLACE, UPDATE and DELETE are parsed (JSqlParser lives
 * here and only here). Pure: no I/O; the schemas interface answers from the server's cache.
 */
public final class StatementRouter {
    private static final Set<String> DDL = Set.of("CREATE", "ALTER", "DROP", "TRUNCATE", "RENAME");
    /** Statements that describe a table rather than read its rows: any one copy of its definition answers. */
    private static final Set<String> METADATA = Set.of("DESCRIBE", "DESC", "EXPLAIN", "CHECKSUM", "CHECK", "ANALYZE");

    private final RoutingContext context;
    private final Set<String> ruleTables;

    public StatementRouter(ShardMap map, TableSchemas schemas, String currentDatabase) {
        this(map, schemas, currentDatabase, new KeyTrace());
    }

    /** A router that records in {@code trace} what it reads from shard-key values (one statement per trace). */
    public StatementRouter(ShardMap map, TableSchemas schemas, String currentDatabase, KeyTrace trace) {
        this.context = new RoutingContext(map, schemas, currentDatabase, trace);
        this.ruleTables = ruleTableNames(map);
    }

    public Route route(String sql) {
        List<Token> tokens = SqlTokenizer.tokenize(sql);
        long version = context.map().version();
        String keyword = tokens.isEmpty() ? "" : tokens.get(0).text().toUpperCase(Locale.ROOT);
        boolean database = DDL.contains(keyword) && tokens.size() > 1
                && (tokens.get(1).isWord("DATABASE") || tokens.get(1).isWord("SCHEMA"));
        boolean ruleTable = mentionsRuleTable(tokens);
        if (!database && !ruleTable && context.otherDefaultShards(tokens).isEmpty()) {
            return new Route.Single(version, Route.Variant.DEFAULT_SHARD, context.defaultShard(), sql);
        }
        checkOneStatement(tokens);
        if (DDL.contains(keyword)) {
            return new DdlRouter(context).route(sql, tokens);
        }
        if (METADATA.contains(keyword) && !(keyword.equals("EXPLAIN") && explainsWrite(tokens))) {
            if (keyword.equals("CHECKSUM") && mentionsShardedTable(tokens)) {
                // one shard's checksum is not the table's: a client comparing it would be misled
                throw RouteException.unsupported("CHECKSUM TABLE of a sharded table: each shard holds part of its rows;"
                        + " checksum the table on each shard's backend");
            }
            return new Route.Single(version, Route.Variant.DEFAULT_SHARD, metadataShard(tokens), sql);
        }
        Statement statement = parse(sql, ruleTable ? "names sharded or broadcast tables"
                : "names tables of a database whose default shard is not this session's");
        return switch (statement) {
            case Select select -> routeSelect(sql, select);
            case Insert insert -> new InsertRouter(context, this).route(sql, insert);
            case Update update -> new ModifyRouter(context, this).update(sql, update);
            case Delete delete -> new ModifyRouter(context, this).delete(sql, delete);
            case Upsert upsert when keyword.equals("REPLACE") -> new InsertRouter(context, this).route(sql, replaceAsInsert(sql, tokens));
            case Upsert upsert -> throw RouteException.unsupported("UPSERT statements over sharded or broadcast tables");
            default -> throw RouteException.unsupported(keyword + " statements over sharded or broadcast tables");
        };
    }

    /**
     * REPLACE goes where INSERT of the same rows goes. JSqlParser reads it as an UPSERT, so read the same text
     * again with INSERT in its place (padded to the same length, so the router's text positions still hold);
     * the statement sent to the shards is the REPLACE as written.
     */
    private static Insert replaceAsInsert(String sql, List<Token> tokens) {
        Token replace = tokens.get(0);
        String asInsert = sql.substring(0, replace.start()) + "INSERT " + sql.substring(replace.end());
        if (parse(asInsert) instanceof Insert insert) {
            return insert;
        }
        throw RouteException.unsupported("this form of REPLACE over sharded or broadcast tables");
    }

    /**
     * The parser reads the first statement only, and the whole text goes where that one is routed: a second
     * statement after a top-level ';' (the server splits statements before routing) would run on the first's
     * shards.
     */
    private static void checkOneStatement(List<Token> tokens) {
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            } else if (depth == 0 && t.isSymbol(";") && tokens.subList(i + 1, tokens.size()).stream().anyMatch(x -> !x.isSymbol(";"))) {
                throw RouteException.unsupported("several statements in one text over sharded or broadcast tables; send them one by one");
            }
        }
    }

    /** EXPLAIN of an INSERT/UPDATE/DELETE would not run it, but keep EXPLAIN plain: it may be EXPLAIN ANALYZE. */
    private static boolean explainsWrite(List<Token> tokens) {
        for (Token t : tokens) {
            if (t.isWord("ANALYZE") || t.isWord("FORMAT")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The first shard holding the first sharded or broadcast table the statement names, or the default shard of
     * the database of the first {@code db.table} it names.
     */
    private String metadataShard(List<Token> tokens) {
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (!t.isName()) {
                continue;
            }
            boolean qualified = i + 2 < tokens.size() && tokens.get(i + 1).isSymbol(".") && tokens.get(i + 2).isName();
            TableRef table = qualified ? context.table(t.text(), tokens.get(i + 2).text(), null) : context.table(null, t.text(), null);
            if (table.rule().isPresent()) {
                return table.rule().get().shards().get(0);
            }
            if (qualified && !context.otherDefaultShards(tokens.subList(i, i + 3)).isEmpty()) {
                return context.defaultShard(table.database());
            }
        }
        return context.defaultShard();
    }

    private boolean mentionsShardedTable(List<Token> tokens) {
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).isName()) {
                boolean qualified = i + 2 < tokens.size() && tokens.get(i + 1).isSymbol(".") && tokens.get(i + 2).isName();
                TableRef table = qualified ? context.table(tokens.get(i).text(), tokens.get(i + 2).text(), null)
                        : context.table(null, tokens.get(i).text(), null);
                if (table.sharded()) {
                    return true;
                }
            }
        }
        return false;
    }

    Route routeSelect(String sql, Select select) {
        return new SelectRouter(context, this).route(sql, select);
    }

    Select parseSelect(String sql) {
        if (parse(sql) instanceof Select select) {
            return select;
        }
        throw RouteException.parse("expected a SELECT in: " + sql);
    }

    /** True when a name token of the text equals a sharded or broadcast table's name. */
    boolean mentionsRuleTable(String sql) {
        return mentionsRuleTable(SqlTokenizer.tokenize(sql));
    }

    private boolean mentionsRuleTable(List<Token> tokens) {
        for (Token t : tokens) {
            if (t.isName() && ruleTables.contains(t.lower())) {
                return true;
            }
        }
        return false;
    }

    private static Statement parse(String sql) {
        return parse(sql, "names sharded or broadcast tables");
    }

    private static Statement parse(String sql, String why) {
        try {
            CCJSqlParser parser = CCJSqlParserUtil.newParser(sql)
                    .withDialect(AbstractJSqlParser.Dialect.MARIADB)
                    .withBackslashEscapeCharacter(true)
                    .withHashLineComments(true)
                    .withSquareBracketQuotation(false)
                    .withAllowComplexParsing(true);
            return parser.Statement();
        } catch (Exception | Error e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw RouteException.parse("shardwire could not parse a statement that " + why + " (" + message + ")");
        }
    }

    private static Set<String> ruleTableNames(ShardMap map) {
        Set<String> names = new HashSet<>();
        for (LogicalDatabase db : map.databases().values()) {
            for (String table : db.tables().keySet()) {
                names.add(table.toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }
}
