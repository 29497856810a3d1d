package io.shardwire.server.prepared;

import io.shardwire.router.sql.SqlTokenizer;
import io.shardwire.router.sql.Token;
import io.shardwire.router.sql.TokenType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A prepared statement's SQL with the positions of its {@code ?} placeholders, found by the tokenizer so that
 * a {@code ?} inside a string, a quoted name or a comment is not one. Executing the statement substitutes a
 * SQL literal for each placeholder ({@link #render}).
 *
 * <p>Two places change meaning when a literal replaces a parameter, and are rendered so that they do not:
 * a bare select item ({@code SELECT ?} names its column {@code ?} on MySQL, a literal would name it after its
 * text) gets {@code AS `?`}; an integer in ORDER BY or GROUP BY ({@code ORDER BY ?} orders by a constant,
 * {@code ORDER BY 2} by the second column) becomes the expression {@code (0+2)}.
 */
record SqlTemplate(String sql, List<Placeholder> placeholders) {
    private static final Set<String> CLAUSE_ENDS = Set.of("FROM", "WHERE", "HAVING", "LIMIT", "INTO", "UNION",
            "ON", "SET", "VALUES", "VALUE", "WINDOW", "FOR", "JOIN", "USING", "EXCEPT", "INTERSECT", "LOCK", "ORDER",
            "GROUP", "RETURNING");
    private static final Set<String> SELECT_MODIFIERS = Set.of("SELECT", "DISTINCT", "ALL", "DISTINCTROW",
            "STRAIGHT_JOIN", "SQL_NO_CACHE", "SQL_CACHE", "SQL_CALC_FOUND_ROWS", "HIGH_PRIORITY", "SQL_SMALL_RESULT",
            "SQL_BIG_RESULT", "SQL_BUFFER_RESULT");

    /** Where a placeholder stands, as far as substituting a literal for it is concerned. */
    enum Context { SELECT_ITEM, ORDER_OR_GROUP, OTHER }

    /** One {@code ?} at character offset {@code position}. */
    record Placeholder(int position, Context context) {
    }

    SqlTemplate {
        placeholders = List.copyOf(placeholders);
    }

    static SqlTemplate parse(String sql) {
        List<Token> tokens = SqlTokenizer.tokenize(sql);
        List<Placeholder> placeholders = new ArrayList<>();
        Deque<String> outer = new ArrayDeque<>();
        String clause = "";
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.type() == TokenType.SYMBOL && t.text().equals("(")) {
                outer.push(clause);
                clause = "";
            } else if (t.type() == TokenType.SYMBOL && t.text().equals(")")) {
                clause = outer.isEmpty() ? "" : outer.pop();
            } else if (t.type() == TokenType.WORD) {
                String word = t.text().toUpperCase(Locale.ROOT);
                if (word.equals("SELECT")) {
                    clause = "SELECT";
                } else if ((word.equals("ORDER") || word.equals("GROUP")) && isWord(tokens, i + 1, "BY")) {
                    clause = "BY";
                } else if (CLAUSE_ENDS.contains(word)) {
                    clause = "";
                }
            } else if (t.type() == TokenType.PLACEHOLDER) {
                placeholders.add(new Placeholder(t.start(), contextOf(tokens, i, clause)));
            }
        }
        return new SqlTemplate(sql, placeholders);
    }

    int parameterCount() {
        return placeholders.size();
    }

    /** The SQL with {@code literals.get(i)} in place of placeholder i. */
    String render(List<String> literals) {
        if (literals.size() != placeholders.size()) {
            throw new IllegalArgumentException(literals.size() + " literals for " + placeholders.size() + " placeholders");
        }
        StringBuilder out = new StringBuilder(sql.length() + 16 * literals.size());
        int at = 0;
        for (int i = 0; i < placeholders.size(); i++) {
            Placeholder p = placeholders.get(i);
            String literal = literals.get(i);
            out.append(sql, at, p.position());
            switch (p.context()) {
                case SELECT_ITEM -> out.append(literal).append(" AS `?`");
                case ORDER_OR_GROUP -> out.append(isInteger(literal) ? "(0+" + literal + ")" : literal);
                case OTHER -> out.append(literal);
            }
            at = p.position() + 1;
        }
        return out.append(sql, at, sql.length()).toString();
    }

    private static Context contextOf(List<Token> tokens, int i, String clause) {
        if (clause.equals("BY")) {
            return Context.ORDER_OR_GROUP;
        }
        if (clause.equals("SELECT") && startsItem(tokens, i - 1) && endsItem(tokens, i + 1)) {
            return Context.SELECT_ITEM;
        }
        return Context.OTHER;
    }

    private static boolean startsItem(List<Token> tokens, int before) {
        if (before < 0) {
            return false;
        }
        Token t = tokens.get(before);
        return (t.type() == TokenType.SYMBOL && t.text().equals(","))
                || (t.type() == TokenType.WORD && SELECT_MODIFIERS.contains(t.text().toUpperCase(Locale.ROOT)));
    }

    private static boolean endsItem(List<Token> tokens, int after) {
        if (after >= tokens.size()) {
            return true;
        }
        Token t = tokens.get(after);
        if (t.type() == TokenType.SYMBOL) {
            return t.text().equals(",") || t.text().equals(")") || t.text().equals(";");
        }
        return t.type() == TokenType.WORD && CLAUSE_ENDS.contains(t.text().toUpperCase(Locale.ROOT));
    }

    private static boolean isWord(List<Token> tokens, int i, String word) {
        return i < tokens.size() && tokens.get(i).type() == TokenType.WORD && tokens.get(i).text().equalsIgnoreCase(word);
    }

    private static boolean isInteger(String literal) {
        int start = literal.startsWith("-") ? 1 : 0;
        if (start == literal.length()) {
            return false;
        }
        for (int i = start; i < literal.length(); i++) {
            if (!Character.isDigit(literal.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
