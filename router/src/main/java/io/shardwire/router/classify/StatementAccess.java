package io.shardwire.router.classify;

import io.shardwire.router.sql.SqlTokenizer;
import io.shardwire.router.sql.Token;
import io.shardwire.router.sql.TokenType;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What one statement asks of the server beyond reading its session's database, found from its tokens alone, so that
 * the proxy (not the backend account it logs in with, which may do anything) decides what a client may do. Every
 * backend connection runs as the same backend account; a statement that acts on the backend server as a whole
 * (SHUTDOWN, GRANT, SET GLOBAL...) would act for every client of the proxy.
 *
 * <p>Schemas are read from qualified names in table position ({@code FROM mysql.user}, {@code JOIN db.t},
 * {@code UPDATE a, db.t}, {@code INSERT INTO db.t}) and from three-part names ({@code mysql.user.host}); a two-part
 * name elsewhere ({@code c.name}) is a column of a table or alias, and counts as a {@link #qualifiers() qualifier}
 * only when the statement declares no table or alias of that name: the server would then read it as a schema.
 *
 * @param serverChange the operation, when the statement changes a backend server as a whole (SHUTDOWN, GRANT,
 *     SET GLOBAL, FLUSH, CHANGE MASTER, CREATE USER...); null otherwise
 * @param serverRead the operation, when it reads server-wide state other sessions own (SHOW SLAVE STATUS,
 *     SHOW ENGINE, SHOW BINLOG EVENTS, information_schema.PROCESSLIST...); null otherwise
 * @param fileAccess the operation, when it reads or writes files on the backend's host (LOAD_FILE(), INTO OUTFILE,
 *     LOAD DATA INFILE without LOCAL); null otherwise
 * @param write the command (INSERT, UPDATE, CREATE...), when the statement changes data or schema; null otherwise
 * @param writeTable the first table the statement names, for error messages; null when none
 * @param schemas databases the statement names for certain, lower case, information_schema left out
 * @param qualifiers two-part name qualifiers that no table or alias of the statement explains, lower case
 * @param unchecked why the statement's effect cannot be known from its text (PREPARE FROM a variable); null otherwise
 */
public record StatementAccess(String serverChange, String serverRead, String fileAccess, String write,
                              String writeTable, Set<String> schemas, Set<String> qualifiers, String unchecked) {
    /** Words that start a statement acting on a server as a whole. */
    private static final Set<String> SERVER_STATEMENTS = Set.of("SHUTDOWN", "RESTART", "GRANT", "REVOKE", "INSTALL",
            "UNINSTALL", "FLUSH", "PURGE", "BINLOG", "CHANGE", "RESET", "STOP", "KILL", "BACKUP", "CLONE");
    /** Objects whose CREATE/ALTER/DROP/RENAME acts on the server, not on a database. */
    private static final Set<String> SERVER_OBJECTS = Set.of("USER", "ROLE", "SERVER", "TABLESPACE", "LOGFILE", "INSTANCE");
    private static final Set<String> SERVER_SHOWS = Set.of("MASTER", "BINARY", "SLAVE", "REPLICA", "ALL", "BINLOG",
            "RELAYLOG", "ENGINE", "USER_STATISTICS", "CLIENT_STATISTICS", "INDEX_STATISTICS",
            "TABLE_STATISTICS", "EXPLAIN", "ANALYZE", "CREATE USER");
    /** information_schema tables that show other sessions' statements or the backend account's grants. */
    private static final Set<String> SERVER_TABLES = Set.of("PROCESSLIST", "INNODB_TRX", "INNODB_LOCKS",
            "INNODB_LOCK_WAITS", "USER_STATISTICS", "CLIENT_STATISTICS", "USER_PRIVILEGES", "SCHEMA_PRIVILEGES",
            "TABLE_PRIVILEGES", "COLUMN_PRIVILEGES", "APPLICABLE_ROLES", "ENABLED_ROLES", "THREAD_POOL_QUEUES");
    /** Session variables whose SET needs SUPER on MySQL: they change what the server logs or replicates. */
    private static final Set<String> PRIVILEGED_SESSION_VARIABLES = Set.of("sql_log_bin", "gtid_domain_id",
            "gtid_seq_no", "gtid_next", "server_id", "pseudo_thread_id", "pseudo_slave_mode", "skip_replication",
            "binlog_format", "binlog_annotate_row_events", "binlog_row_image", "sql_log_off", "debug", "debug_dbug",
            "wsrep_on", "wsrep_osu_method", "wsrep_trx_fragment_size", "transaction_write_set_extraction",
            "explicit_defaults_for_timestamp", "sql_slave_skip_counter", "gtid_slave_pos", "rand_seed1", "rand_seed2");
    private static final Set<String> WRITES = Set.of("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "ALTER", "DROP",
            "TRUNCATE", "RENAME", "LOAD", "CALL", "OPTIMIZE", "REPAIR", "ANALYZE", "IMPORT");
    /** Words after which a name is a table (so a two-part name's first part is a schema). */
    private static final Set<String> TABLE_INTRODUCERS = Set.of("FROM", "JOIN", "UPDATE", "INTO", "TABLE", "TABLES",
            "STRAIGHT_JOIN", "REFERENCES", "DELETE", "TRUNCATE", "CALL", "USING", "DESCRIBE", "DESC", "EXPLAIN", "VIEW",
            "PROCEDURE", "FUNCTION", "TRIGGER", "EVENT", "HANDLER", "LIKE");
    /** Words that end a list of tables. */
    private static final Set<String> TABLE_LIST_ENDS = Set.of("WHERE", "SET", "GROUP", "ORDER", "HAVING", "LIMIT",
            "UNION", "EXCEPT", "INTERSECT", "WINDOW", "FOR", "VALUES", "VALUE", "SELECT", "RETURNING");
    private static final int MAX_NESTED_TEXT = 4;
    private static final String INFORMATION_SCHEMA = "information_schema";

    public StatementAccess {
        schemas = Set.copyOf(schemas);
        qualifiers = Set.copyOf(qualifiers);
    }

    /** True when the statement needs nothing but the session's own database (most statements). */
    public boolean plain() {
        return serverChange == null && serverRead == null && fileAccess == null && write == null && schemas.isEmpty()
                && qualifiers.isEmpty() && unchecked == null;
    }

    public static StatementAccess of(FrontendStatement statement, List<Token> tokens) {
        Builder b = new Builder();
        b.scan(statement, tokens, 0);
        return b.build();
    }

    /** Accumulates what a statement (and the statement texts it prepares) needs. */
    private static final class Builder {
        private String serverChange;
        private String serverRead;
        private String fileAccess;
        private String write;
        private String writeTable;
        private final Set<String> schemas = new LinkedHashSet<>();
        private final Set<String> qualifiers = new LinkedHashSet<>();
        private String unchecked;

        StatementAccess build() {
            // every login may read information_schema (what it shows is checked as a table name above)
            schemas.remove(INFORMATION_SCHEMA);
            qualifiers.remove(INFORMATION_SCHEMA);
            return new StatementAccess(serverChange, serverRead, fileAccess, write, writeTable, schemas, qualifiers,
                    unchecked);
        }

        void scan(FrontendStatement statement, List<Token> tokens, int nesting) {
            switch (statement) {
                case FrontendStatement.SetStatement set -> set(set, tokens);
                case FrontendStatement.Show show -> show(show, tokens);
                case FrontendStatement.Generic generic -> generic(generic, tokens, nesting);
                case FrontendStatement.Use use -> { } // its database is checked where COM_INIT_DB's is
                // the proxy's own sessions, transactions, plans and operator statements: the proxy checks these itself
                case FrontendStatement.Kill k -> { return; }
                case FrontendStatement.Transaction t -> { return; }
                case FrontendStatement.ExplainRoute e -> { return; }
                case FrontendStatement.Operator o -> { return; }
                case FrontendStatement.Empty e -> { return; }
            }
            names(tokens);
            anywhere(tokens);
        }

        private void set(FrontendStatement.SetStatement set, List<Token> tokens) {
            if (StatementClassifier.word(tokens, 1, "PERSIST") || StatementClassifier.word(tokens, 1, "PERSIST_ONLY")) {
                serverChange = "SET PERSIST";
            }
            for (SetAssignment a : set.assignments()) {
                switch (a) {
                    case SetAssignment.GlobalVariable g -> serverChange = "SET GLOBAL " + g.name();
                    case SetAssignment.SessionVariable v -> {
                        if (PRIVILEGED_SESSION_VARIABLES.contains(v.name()) || v.name().startsWith("persist")) {
                            serverChange = "SET " + v.name();
                        }
                    }
                    case SetAssignment.TransactionCharacteristics t -> {
                        if (t.scope().equals("global")) {
                            serverChange = "SET GLOBAL TRANSACTION";
                        }
                    }
                    case SetAssignment.Other o -> other(o, tokens);
                    case SetAssignment.UserVariable u -> { }
                    case SetAssignment.Names n -> { }
                    case SetAssignment.CharacterSet c -> { }
                }
            }
        }

        /** SET PASSWORD / ROLE / DEFAULT ROLE act on accounts; SET STATEMENT var=... FOR stmt on its variables. */
        private void other(SetAssignment.Other other, List<Token> tokens) {
            if (StatementClassifier.word(tokens, 1, "PASSWORD") || StatementClassifier.word(tokens, 1, "ROLE")
                    || StatementClassifier.word(tokens, 1, "DEFAULT")) {
                serverChange = "SET " + tokens.get(1).text().toUpperCase(Locale.ROOT);
                return;
            }
            for (int i = 1; i + 1 < tokens.size(); i++) {
                Token t = tokens.get(i);
                if (t.isWord("FOR")) {
                    break;
                }
                if ((t.type() == TokenType.WORD || t.type() == TokenType.SYSTEM_VARIABLE) && tokens.get(i + 1).isSymbol("=")) {
                    String name = t.text().toLowerCase(Locale.ROOT);
                    name = name.substring(name.lastIndexOf('.') + 1);
                    if (PRIVILEGED_SESSION_VARIABLES.contains(name) || t.text().toLowerCase(Locale.ROOT).startsWith("global.")) {
                        serverChange = "SET STATEMENT " + name;
                    }
                }
            }
        }

        private void show(FrontendStatement.Show show, List<Token> tokens) {
            String what = show.what();
            String first = what.isEmpty() ? "" : what.split(" ")[0];
            if (SERVER_SHOWS.contains(first) || what.startsWith("CREATE USER")) {
                serverRead = "SHOW " + what;
            }
            String withoutFull = what.startsWith("FULL ") ? what.substring(5) : what.startsWith("EXTENDED ") ? what.substring(9) : what;
            boolean schemaFirst = withoutFull.startsWith("TABLES") || withoutFull.startsWith("TABLE STATUS")
                    || withoutFull.startsWith("TRIGGERS") || withoutFull.startsWith("EVENTS") || withoutFull.startsWith("OPEN TABLES");
            boolean schemaSecond = withoutFull.startsWith("COLUMNS") || withoutFull.startsWith("FIELDS")
                    || withoutFull.startsWith("INDEX") || withoutFull.startsWith("KEYS");
            int froms = 0;
            for (int i = 1; i + 1 < tokens.size(); i++) {
                if (tokens.get(i).isWord("FROM") || tokens.get(i).isWord("IN")) {
                    froms++;
                    Token name = tokens.get(i + 1);
                    boolean qualified = i + 2 < tokens.size() && tokens.get(i + 2).isSymbol(".");
                    if (name.isName() && !qualified && ((schemaFirst && froms == 1) || (schemaSecond && froms == 2))) {
                        schemas.add(name.lower());
                    }
                } else if (tokens.get(i).isWord("WHERE") || tokens.get(i).isWord("LIKE")) {
                    break;
                }
            }
            if ((what.startsWith("CREATE DATABASE") || what.startsWith("CREATE SCHEMA")) && tokens.size() > 3) {
                Token name = tokens.get(tokens.size() - 1);
                if (name.isName()) {
                    schemas.add(name.lower());
                }
            }
        }

        private void generic(FrontendStatement.Generic generic, List<Token> tokens, int nesting) {
            String keyword = generic.keyword();
            if (SERVER_STATEMENTS.contains(keyword)) {
                serverChange = keyword + (tokens.size() > 1 && tokens.get(1).type() == TokenType.WORD
                        && !keyword.equals("SHUTDOWN") && !keyword.equals("KILL") ? " " + tokens.get(1).text().toUpperCase(Locale.ROOT) : "");
            }
            if (keyword.equals("START") && !StatementClassifier.word(tokens, 1, "TRANSACTION")) {
                serverChange = "START " + (tokens.size() > 1 ? tokens.get(1).text().toUpperCase(Locale.ROOT) : "");
            }
            if (Set.of("CREATE", "ALTER", "DROP", "RENAME").contains(keyword)) {
                Token object = objectOf(tokens);
                if (object != null && SERVER_OBJECTS.contains(object.text().toUpperCase(Locale.ROOT))) {
                    serverChange = keyword + " " + object.text().toUpperCase(Locale.ROOT);
                }
                if (object != null && (object.isWord("DATABASE") || object.isWord("SCHEMA"))) {
                    Token name = nameAfter(tokens, tokens.indexOf(object) + 1);
                    if (name != null) {
                        schemas.add(name.lower());
                        writeTable = name.text();
                    }
                }
                if (containsWord(tokens, "SONAME")) {
                    serverChange = keyword + " FUNCTION ... SONAME";
                }
            }
            if (keyword.equals("LOAD") && !containsWord(tokens, "LOCAL") && (containsWord(tokens, "INFILE"))) {
                fileAccess = "LOAD DATA INFILE";
            }
            if (WRITES.contains(keyword) || (keyword.equals("LOCK") && containsWord(tokens, "WRITE"))
                    || (keyword.equals("WITH") && writesAfterWith(tokens))) {
                write = keyword;
            }
            if (generic.has(FrontendStatement.Trait.COMPOUND)) {
                compoundBody(tokens);
            }
            if (keyword.equals("PREPARE") || keyword.equals("EXECUTE")) {
                dynamic(tokens, keyword, nesting);
            }
        }

        /** CREATE [OR REPLACE] [TEMPORARY|DEFINER=...|...] object: the word naming what is created. */
        private static Token objectOf(List<Token> tokens) {
            for (int i = 1; i < Math.min(tokens.size(), 12); i++) {
                Token t = tokens.get(i);
                if (t.type() != TokenType.WORD) {
                    continue;
                }
                String w = t.text().toUpperCase(Locale.ROOT);
                if (SERVER_OBJECTS.contains(w) || Set.of("DATABASE", "SCHEMA", "TABLE", "VIEW", "INDEX", "PROCEDURE",
                        "FUNCTION", "TRIGGER", "EVENT", "SEQUENCE", "PACKAGE").contains(w)) {
                    return t;
                }
            }
            return null;
        }

        /** The name after {@code from}, past IF [NOT] EXISTS. */
        private static Token nameAfter(List<Token> tokens, int from) {
            int i = from;
            while (i < tokens.size() && (tokens.get(i).isWord("IF") || tokens.get(i).isWord("NOT") || tokens.get(i).isWord("EXISTS"))) {
                i++;
            }
            return i < tokens.size() && tokens.get(i).isName() ? tokens.get(i) : null;
        }

        private static boolean writesAfterWith(List<Token> tokens) {
            for (int i = 1; i < tokens.size(); i++) {
                Token t = tokens.get(i);
                if (t.isWord("INSERT") || t.isWord("DELETE") || t.isWord("REPLACE")
                        || (t.isWord("UPDATE") && !tokens.get(i - 1).isWord("FOR") && !tokens.get(i - 1).isWord("KEY"))) {
                    return true;
                }
            }
            return false;
        }

        /**
         * A stored program runs later, as its definer (the backend account): any statement in its body that would be
         * refused on its own is refused in the body too. Words are matched wherever they stand, so a column named
         * like such a statement makes the definition refused as well (the message names the word).
         */
        private void compoundBody(List<Token> tokens) {
            for (int i = 1; i < tokens.size(); i++) {
                Token t = tokens.get(i);
                if (t.type() != TokenType.WORD) {
                    continue;
                }
                String w = t.text().toUpperCase(Locale.ROOT);
                if (SERVER_STATEMENTS.contains(w) && !w.equals("CHANGE") && !w.equals("RESET") && !w.equals("STOP")) {
                    serverChange = w + " in a stored program";
                } else if ((w.equals("CHANGE") || w.equals("RESET")) && StatementClassifier.word(tokens, i + 1, "MASTER")) {
                    serverChange = w + " MASTER in a stored program";
                } else if (w.equals("GLOBAL") && tokens.get(i - 1).isWord("SET")) {
                    serverChange = "SET GLOBAL in a stored program";
                } else if (w.equals("USER") && (tokens.get(i - 1).isWord("CREATE") || tokens.get(i - 1).isWord("DROP")
                        || tokens.get(i - 1).isWord("ALTER") || tokens.get(i - 1).isWord("RENAME"))) {
                    serverChange = tokens.get(i - 1).text().toUpperCase(Locale.ROOT) + " USER in a stored program";
                } else if (w.equals("PREPARE") || (w.equals("EXECUTE") && StatementClassifier.word(tokens, i + 1, "IMMEDIATE"))) {
                    unchecked = "dynamic SQL (" + w + ") in a stored program, whose statement text the proxy cannot check";
                }
            }
        }

        /** PREPARE s FROM 'text' and EXECUTE IMMEDIATE 'text' run the text: it is checked as a statement of its own. */
        private void dynamic(List<Token> tokens, String keyword, int nesting) {
            int textAt;
            if (keyword.equals("PREPARE")) {
                int from = -1;
                for (int i = 1; i < tokens.size(); i++) {
                    if (tokens.get(i).isWord("FROM")) {
                        from = i;
                        break;
                    }
                }
                if (from < 0) {
                    return;
                }
                textAt = from + 1;
            } else if (StatementClassifier.word(tokens, 1, "IMMEDIATE")) {
                textAt = 2;
            } else {
                return; // EXECUTE s [USING ...]: its text was checked when it was prepared
            }
            if (textAt == tokens.size() - 1 && tokens.get(textAt).type() == TokenType.STRING && nesting < MAX_NESTED_TEXT) {
                String text = tokens.get(textAt).text();
                List<Token> inner = SqlTokenizer.tokenize(text);
                scan(StatementClassifier.classify(text, inner), inner, nesting + 1);
            } else {
                unchecked = keyword + (keyword.equals("EXECUTE") ? " IMMEDIATE" : " ... FROM")
                        + " an expression or variable, whose statement text the proxy cannot check; give the text as"
                        + " a string literal";
            }
        }

        /** LOAD_FILE(), INTO OUTFILE / DUMPFILE and information_schema tables that belong to other sessions. */
        private void anywhere(List<Token> tokens) {
            for (int i = 0; i < tokens.size(); i++) {
                Token t = tokens.get(i);
                if (t.type() != TokenType.WORD) {
                    continue;
                }
                if (t.isWord("LOAD_FILE") && i + 1 < tokens.size() && tokens.get(i + 1).isSymbol("(")) {
                    fileAccess = "LOAD_FILE()";
                } else if ((t.isWord("OUTFILE") || t.isWord("DUMPFILE")) && i > 0 && tokens.get(i - 1).isWord("INTO")) {
                    fileAccess = "SELECT ... INTO " + t.text().toUpperCase(Locale.ROOT);
                } else if (SERVER_TABLES.contains(t.text().toUpperCase(Locale.ROOT)) && i > 0
                        && (tokens.get(i - 1).isSymbol(".") || TABLE_INTRODUCERS.contains(tokens.get(i - 1).text().toUpperCase(Locale.ROOT))
                        || tokens.get(i - 1).isSymbol(","))) {
                    serverRead = "information_schema." + t.text().toUpperCase(Locale.ROOT);
                }
            }
        }

        /**
         * Qualified names: {@code a.b.c} names schema a; {@code a.b} right after a table introducer (or in a list of
         * tables) names schema a; any other {@code a.b} is a column of table or alias a, unless no table or alias a
         * is declared, when the server would take a as a schema too. Inside a function's parentheses
         * ({@code TRIM(x FROM c.name)}) FROM introduces no table.
         */
        private void names(List<Token> tokens) {
            Deque<Level> levels = new ArrayDeque<>();
            levels.push(new Level(true));
            boolean expectTable = false;
            Set<String> bare = new HashSet<>();
            Set<String> maybeSchemas = new LinkedHashSet<>();
            for (int i = 0; i < tokens.size(); i++) {
                Token t = tokens.get(i);
                Level level = levels.peek();
                if (t.isSymbol("(")) {
                    boolean query = expectTable || StatementClassifier.word(tokens, i + 1, "SELECT")
                            || StatementClassifier.word(tokens, i + 1, "WITH") || i == 0
                            || (i > 0 && tokens.get(i - 1).isSymbol("("));
                    levels.push(new Level(query));
                    expectTable = false;
                } else if (t.isSymbol(")")) {
                    if (levels.size() > 1) {
                        levels.pop();
                    }
                    expectTable = false;
                } else if (t.isSymbol(",")) {
                    expectTable = level.tableList;
                } else if (t.isName()) {
                    int end = i;
                    while (end + 2 < tokens.size() && tokens.get(end + 1).isSymbol(".") && tokens.get(end + 2).isName()) {
                        end += 2;
                    }
                    int parts = (end - i) / 2 + 1;
                    String upper = t.type() == TokenType.WORD ? t.text().toUpperCase(Locale.ROOT) : "";
                    if (parts == 1 && level.query && introducesTable(upper, i, tokens)) {
                        level.tableList = !upper.equals("LIKE");
                        expectTable = true;
                        continue;
                    }
                    if (parts == 1 && TABLE_LIST_ENDS.contains(upper)) {
                        level.tableList = false;
                        expectTable = false;
                        continue;
                    }
                    if (parts >= 3 || (parts == 2 && expectTable)) {
                        schemas.add(t.lower());
                    } else if (parts == 2) {
                        maybeSchemas.add(t.lower());
                    } else {
                        bare.add(t.lower());
                    }
                    if (expectTable && writeTable == null && write != null) {
                        writeTable = tokens.get(end).text();
                    }
                    expectTable = false;
                    i = end;
                } else {
                    expectTable = false;
                }
            }
            maybeSchemas.removeAll(bare);
            qualifiers.addAll(maybeSchemas);
        }

        private static boolean introducesTable(String word, int at, List<Token> tokens) {
            return switch (word) {
                case "DESCRIBE", "DESC", "EXPLAIN" -> at == 0;
                case "LIKE" -> tokens.get(0).isWord("CREATE");
                default -> TABLE_INTRODUCERS.contains(word);
            };
        }

        /** One parenthesis level: whether it holds a query (so FROM introduces tables) and is in a list of tables. */
        private static final class Level {
            final boolean query;
            boolean tableList;

            Level(boolean query) {
                this.query = query;
            }
        }

        private static boolean containsWord(List<Token> tokens, String word) {
            for (Token t : tokens) {
                if (t.isWord(word)) {
                    return true;
                }
            }
            return false;
        }
    }
}
