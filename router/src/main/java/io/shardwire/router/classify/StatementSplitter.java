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

    public static List<String> split(String sql) {
        List<Token> tokens = SqlTokenizer.tokenize(sql);
        if (tokens.isEmpty() || StatementClassifier.isCompound(tokens)) {
            return List.of(sql);
        }
        List<String> statements = new ArrayList<>();
        int start = 0;
        for (Token token : tokens) {
            if (token.isSymbol(";")) {
                addIfNotBlank(statements, sql.substring(start, token.start()));
                start = token.end();
            }
        }
        addIfNotBlank(statements, sql.substring(start));
        if (statements.isEmpty()) {
            statements.add(sql);
        }
        return statements;
    }

    private static void addIfNotBlank(List<String> statements, String statement) {
        if (!SqlTokenizer.tokenize(statement).isEmpty()) {
            statements.add(statement.strip());
        }
    }
}
