package io.shardwire.router.classify;

import io.shardwire.router.classify.FrontendStatement.FunctionCall;
import io.shardwire.router.classify.FrontendStatement.Trait;
import io.shardwire.router.sql.SqlTokenizer;
import io.shardwire.router.sql.Token;
import io.shardwire.router.sql.TokenType;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Classifies one statement from its tokens; see {@link FrontendStatement}. Pure and thread-safe. */
public final class StatementClassifier {
    private static final Set<String> DDL_KEYWORDS = Set.of("CREATE", "ALTER", "DROP", "TRUNCATE", "RENAME");
    private static final Set<String> COMPOUND_OBJECTS = Set.of("PROCEDURE", "FUNCTION", "TRIGGER", "EVENT");

    private StatementClassifier() {
    }

    public static FrontendStatement classify(String sql) {
        return classify(sql, SqlTokenizer.tokenize(sql));
    }

    /** Classifies {@code sql}, given its tokens (so a caller that needs them too lexes the text once). */
    public static FrontendStatement classify(String sql, List<Token> tokens) {
        if (tokens.isEmpty()) {
            return new FrontendStatement.Empty(sql);
        }
        Token first = tokens.get(0);
        String keyword = first.type() == TokenType.WORD ? first.text().toUpperCase(Locale.ROOT) : "";
        return switch (keyword) {
            case "USE" -> use(sql, tokens);
            case "SET" -> SetParser.parse(sql, tokens);
            case "BEGIN" -> isCompound(tokens) ? generic(sql, tokens, keyword)
                    : new FrontendStatement.Transaction(sql, TransactionOp.BEGIN);
            case "START" -> word(tokens, 1, "TRANSACTION") ? new FrontendStatement.Transaction(sql, TransactionOp.BEGIN)
                    : generic(sql, tokens, keyword);
            case "COMMIT" -> new FrontendStatement.Transaction(sql, TransactionOp.COMMIT);
            case "ROLLBACK" -> rollback(sql, tokens);
            case "SAVEPOINT" -> new FrontendStatement.Transaction(sql, TransactionOp.SAVEPOINT);
            case "RELEASE" -> word(tokens, 1, "SAVEPOINT") ? new FrontendStatement.Transaction(sql, TransactionOp.RELEASE_SAVEPOINT)
                    : generic(sql, tokens, keyword);
            case "XA" -> new FrontendStatement.Transaction(sql, TransactionOp.XA);
            case "SHOW" -> OperatorCommand.parse(tokens).<FrontendStatement>map(c -> new FrontendStatement.Operator(sql, c))
                    .orElseGet(() -> new FrontendStatement.Show(sql, showWhat(tokens)));
            case "RESET", "RELOAD", "FLUSH" -> OperatorCommand.parse(tokens).<FrontendStatement>map(c -> new FrontendStatement.Operator(sql, c))
                    .orElseGet(() -> generic(sql, tokens, keyword));
            case "KILL" -> kill(sql, tokens);
            case "EXPLAIN" -> word(tokens, 1, "ROUTE") && tokens.size() > 2
                    ? new FrontendStatement.ExplainRoute(sql, sql.substring(tokens.get(2).start()).strip())
                    : generic(sql, tokens, keyword);
            default -> generic(sql, tokens, keyword);
        };
    }

    /** True when the text is a stored-program definition or block whose body holds its own semicolons. */
    static boolean isCompound(List<Token> tokens) {
        Token first = tokens.get(0);
        if (first.isWord("BEGIN")) {
            return word(tokens, 1, "NOT") && word(tokens, 2, "ATOMIC");
        }
        if (!first.isWord("CREATE")) {
            return false;
        }
        for (int i = 1; i < Math.min(tokens.size(), 12); i++) {
            Token t = tokens.get(i);
            if (t.type() == TokenType.WORD && COMPOUND_OBJECTS.contains(t.text().toUpperCase(Locale.ROOT))) {
                return true;
            }
            if (t.isWord("TABLE") || t.isWord("VIEW") || t.isWord("INDEX") || t.isWord("DATABASE")) {
                return false;
            }
        }
        return false;
    }

    private static FrontendStatement use(String sql, List<Token> tokens) {
        if (tokens.size() < 2 || !tokens.get(1).isName()) {
            return generic(sql, tokens, "USE");
        }
        return new FrontendStatement.Use(sql, tokens.get(1).text());
    }

    private static FrontendStatement rollback(String sql, List<Token> tokens) {
        for (Token t : tokens) {
            if (t.isWord("TO")) {
                return new FrontendStatement.Transaction(sql, TransactionOp.ROLLBACK_TO_SAVEPOINT);
            }
        }
        return new FrontendStatement.Transaction(sql, TransactionOp.ROLLBACK);
    }

    private static String showWhat(List<Token> tokens) {
        StringBuilder what = new StringBuilder();
        for (int i = 1; i < tokens.size() && tokens.get(i).type() == TokenType.WORD; i++) {
            if (!what.isEmpty()) {
                what.append(' ');
            }
            what.append(tokens.get(i).text().toUpperCase(Locale.ROOT));
        }
        return what.toString();
    }

    private static FrontendStatement kill(String sql, List<Token> tokens) {
        int i = 1;
        boolean queryOnly = false;
        if (word(tokens, i, "HARD") || word(tokens, i, "SOFT")) {
            i++;
        }
        if (word(tokens, i, "QUERY")) {
            queryOnly = true;
            i++;
        } else if (word(tokens, i, "CONNECTION")) {
            i++;
        }
        if (i < tokens.size() && tokens.get(i).type() == TokenType.NUMBER) {
            try {
                return new FrontendStatement.Kill(sql, queryOnly, Long.parseLong(tokens.get(i).text()));
            } catch (NumberFormatException e) {
                return generic(sql, tokens, "KILL");
            }
        }
        return generic(sql, tokens, "KILL");
    }

    private static FrontendStatement generic(String sql, List<Token> tokens, String keyword) {
        EnumSet<Trait> traits = EnumSet.noneOf(Trait.class);
        List<FunctionCall> calls = new ArrayList<>();
        if (DDL_KEYWORDS.contains(keyword)) {
            traits.add(Trait.DDL);
        }
        if (isCompound(tokens)) {
            traits.add(Trait.COMPOUND);
        }
        switch (keyword) {
            case "LOCK" -> traits.add(Trait.TAKES_LOCK);
            case "UNLOCK" -> traits.add(Trait.RELEASES_LOCK);
            case "PREPARE", "EXECUTE", "DEALLOCATE" -> traits.add(Trait.SQL_PREPARED_STATEMENT);
            case "FLUSH" -> {
                if (containsWord(tokens, "LOCK")) {
                    traits.add(Trait.TAKES_LOCK);
                }
            }
            case "CREATE" -> {
                if (word(tokens, 1, "TEMPORARY") || (word(tokens, 1, "OR") && word(tokens, 3, "TEMPORARY"))) {
                    traits.add(Trait.CREATES_TEMPORARY_TABLE);
                }
            }
            default -> { }
        }
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.type() == TokenType.USER_VARIABLE) {
                boolean assigned = (i + 1 < tokens.size() && tokens.get(i + 1).isSymbol(":="))
                        || (i > 0 && tokens.get(i - 1).isWord("INTO"))
                        || (i > 0 && tokens.get(i - 1).isSymbol(",") && intoListContains(tokens, i));
                traits.add(assigned ? Trait.ASSIGNS_USER_VARIABLE : Trait.READS_USER_VARIABLE);
            } else if (t.type() == TokenType.WORD) {
                functionTraits(tokens, i, traits, calls);
            }
        }
        return new FrontendStatement.Generic(sql, keyword, traits, calls);
    }

    private static void functionTraits(List<Token> tokens, int i, Set<Trait> traits, List<FunctionCall> calls) {
        Token t = tokens.get(i);
        if (t.isWord("SQL_CALC_FOUND_ROWS")) {
            traits.add(Trait.CALC_FOUND_ROWS);
            return;
        }
        boolean call = i + 1 < tokens.size() && tokens.get(i + 1).isSymbol("(");
        boolean definer = i >= 2 && tokens.get(i - 1).isSymbol("=") && tokens.get(i - 2).isWord("DEFINER");
        if (t.isWord("CURRENT_USER") && !call && !definer) {
            calls.add(new FunctionCall("CURRENT_USER", t.start(), t.end())); // CURRENT_USER needs no parentheses
            return;
        }
        if (!call) {
            return;
        }
        String name = t.text().toUpperCase(Locale.ROOT);
        boolean noArguments = i + 2 < tokens.size() && tokens.get(i + 2).isSymbol(")");
        switch (name) {
            case "GET_LOCK" -> traits.add(Trait.TAKES_LOCK);
            case "RELEASE_LOCK", "RELEASE_ALL_LOCKS" -> traits.add(Trait.RELEASES_LOCK);
            case "FOUND_ROWS" -> traits.add(Trait.READS_PREVIOUS_RESULT);
            case "USER", "CURRENT_USER", "SESSION_USER", "SYSTEM_USER" -> {
                if (noArguments && !definer) {
                    calls.add(new FunctionCall(name, t.start(), tokens.get(i + 2).end()));
                }
            }
            case "LAST_INSERT_ID", "CONNECTION_ID", "ROW_COUNT", "DATABASE", "SCHEMA" -> {
                if (noArguments) {
                    calls.add(new FunctionCall(name, t.start(), tokens.get(i + 2).end()));
                } else if (name.equals("LAST_INSERT_ID") || name.equals("ROW_COUNT")) {
                    traits.add(Trait.READS_PREVIOUS_RESULT);
                }
            }
            default -> { }
        }
    }

    /** {@code SELECT a, b INTO @x, @y}: a variable after a comma that follows an INTO list. */
    private static boolean intoListContains(List<Token> tokens, int index) {
        for (int j = index - 1; j >= 0; j--) {
            Token t = tokens.get(j);
            if (t.isWord("INTO")) {
                return true;
            }
            if (!(t.isSymbol(",") || t.type() == TokenType.USER_VARIABLE)) {
                return false;
            }
        }
        return false;
    }

    static boolean word(List<Token> tokens, int index, String keyword) {
        return index < tokens.size() && tokens.get(index).isWord(keyword);
    }

    private static boolean containsWord(List<Token> tokens, String keyword) {
        for (Token t : tokens) {
            if (t.isWord(keyword)) {
                return true;
            }
        }
        return false;
    }
}
