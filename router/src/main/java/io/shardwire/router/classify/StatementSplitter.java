package io.shardwire.router.classify;

import io.shardwire.router.sql.Token;
import io.shardwire.router.sql.SqlTokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a multi-statement COM_QUERY on top-level semicolons. Compound statements (CREATE PROCEDURE,
 * FUNCTION, TRIGGER, EVENT and anonymous BEGIN NOT ATOMIC blocks) contain ';' of their own: text that starts
 * with one is kept whole, as the server would receive it after the client's DELIMITER handling.
 */
public final class StatementSplitter {
    private StatementSplitter() {
    }

    /** One statement of the text and its tokens (positions in {@code sql}). */
    public record Piece(String sql, List<Token> tokens) {
        public Piece {
            tokens = List.copyOf(tokens);
        }
    }

    public static List<String> split(String sql) {
        return splitTokenized(sql).stream().map(Piece::sql).toList();
    }

    /**
     * The statements of the text with their tokens, so that the caller does not lex them again: a text of one
     * statement (the usual case) is lexed once.
     */
    public static List<Piece> splitTokenized(String sql) {
        List<Token> tokens = SqlTokenizer.tokenize(sql);
        if (tokens.isEmpty() || StatementClassifier.isCompound(tokens)) {
            return List.of(piece(sql, tokens));
        }
        boolean separated = false;
        for (Token token : tokens) {
            separated |= token.isSymbol(";");
        }
        if (!separated) {
            return List.of(piece(sql, tokens));
        }
        List<Piece> statements = new ArrayList<>();
        int start = 0;
        for (Token token : tokens) {
            if (token.isSymbol(";")) {
                addIfNotBlank(statements, sql.substring(start, token.start()));
                start = token.end();
            }
        }
        addIfNotBlank(statements, sql.substring(start));
        if (statements.isEmpty()) {
            statements.add(new Piece(sql, tokens));
        }
        return statements;
    }

    /** The statement without surrounding whitespace, with tokens that match it. */
    private static Piece piece(String sql, List<Token> tokens) {
        String stripped = sql.strip();
        return stripped.length() == sql.length() || tokens.isEmpty() ? new Piece(sql, tokens)
                : new Piece(stripped, SqlTokenizer.tokenize(stripped));
    }

    private static void addIfNotBlank(List<Piece> statements, String statement) {
        String stripped = statement.strip();
        List<Token> tokens = SqlTokenizer.tokenize(stripped);
        if (!tokens.isEmpty()) {
            statements.add(new Piece(stripped, tokens));
        }
    }
}
