package io.shardwire.router.classify;

import io.shardwire.router.sql.Token;
import io.shardwire.router.sql.TokenType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses {@code SET} statements into assignments (MySQL "SET Syntax for Variable Assignment"), splitting on
 * commas that are not inside parentheses, so each assignment's value keeps its exact SQL text.
 */
final class SetParser {
    private SetParser() {
    }

    static FrontendStatement parse(String sql, List<Token> tokens) {
        if (StatementClassifier.word(tokens, 1, "STATEMENT") || StatementClassifier.word(tokens, 1, "PASSWORD")
                || StatementClassifier.word(tokens, 1, "ROLE") || StatementClassifier.word(tokens, 1, "DEFAULT")) {
            return new FrontendStatement.SetStatement(sql, List.of(new SetAssignment.Other(sql)));
        }
        List<SetAssignment> assignments = new ArrayList<>();
        int start = 1;
        int depth = 0;
        for (int i = 1; i <= tokens.size(); i++) {
            boolean end = i == tokens.size();
            if (!end) {
                Token t = tokens.get(i);
                if (t.isSymbol("(")) {
                    depth++;
                } else if (t.isSymbol(")")) {
                    depth--;
                }
                end = depth == 0 && t.isSymbol(",") && !isTransactionList(tokens, start);
            }
            if (end && i > start) {
                assignments.add(assignment(sql, tokens, start, i));
                start = i + 1;
            }
        }
        return new FrontendStatement.SetStatement(sql, assignments);
    }

    /** {@code SET TRANSACTION ISOLATION LEVEL ..., READ ONLY}: the commas belong to one assignment. */
    private static boolean isTransactionList(List<Token> tokens, int start) {
        return StatementClassifier.word(tokens, start, "TRANSACTION")
                || StatementClassifier.word(tokens, start + 1, "TRANSACTION");
    }

    private static SetAssignment assignment(String sql, List<Token> tokens, int from, int to) {
        Token first = tokens.get(from);
        String text = sql.substring(first.start(), tokens.get(to - 1).end());
        if (first.isWord("NAMES")) {
            String charset = from + 1 < to ? tokens.get(from + 1).lower() : "default";
            String collation = from + 3 < to && tokens.get(from + 2).isWord("COLLATE") ? tokens.get(from + 3).lower() : null;
            return new SetAssignment.Names(charset, collation);
        }
        if (first.isWord("CHARSET") || (first.isWord("CHARACTER") && from + 1 < to && tokens.get(from + 1).isWord("SET"))) {
            int at = first.isWord("CHARSET") ? from + 1 : from + 2;
            return new SetAssignment.CharacterSet(at < to ? tokens.get(at).lower() : "default");
        }
        String scope = "session";
        int nameAt = from;
        if (first.isWord("SESSION") || first.isWord("LOCAL") || first.isWord("GLOBAL")) {
            scope = first.isWord("GLOBAL") ? "global" : "session";
            nameAt++;
        }
        if (StatementClassifier.word(tokens, nameAt, "TRANSACTION")) {
            String characteristics = nameAt + 1 < to ? sql.substring(tokens.get(nameAt + 1).start(), tokens.get(to - 1).end()) : "";
            return new SetAssignment.TransactionCharacteristics(nameAt == from ? "next" : scope, characteristics);
        }
        if (nameAt >= to) {
            return new SetAssignment.Other(text);
        }
        Token name = tokens.get(nameAt);
        int valueAt = nameAt + 1;
        if (valueAt >= to || !(tokens.get(valueAt).isSymbol("=") || tokens.get(valueAt).isSymbol(":="))) {
            return new SetAssignment.Other(text);
        }
        String value = valueAt + 1 < to ? sql.substring(tokens.get(valueAt + 1).start(), tokens.get(to - 1).end()) : "";
        if (name.type() == TokenType.USER_VARIABLE) {
            return new SetAssignment.UserVariable(name.text(), value);
        }
        if (name.type() == TokenType.SYSTEM_VARIABLE) {
            String qualified = name.text().toLowerCase(Locale.ROOT);
            if (qualified.startsWith("global.")) {
                return new SetAssignment.GlobalVariable(qualified.substring(7), value);
            }
            int dot = qualified.indexOf('.');
            return new SetAssignment.SessionVariable(dot < 0 ? qualified : qualified.substring(dot + 1), value);
        }
        if (!name.isName()) {
            return new SetAssignment.Other(text);
        }
        return scope.equals("global") ? new SetAssignment.GlobalVariable(name.lower(), value)
                : new SetAssignment.SessionVariable(name.lower(), value);
    }
}
