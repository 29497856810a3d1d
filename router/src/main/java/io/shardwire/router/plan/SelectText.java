package io.shardwire.router.plan;

import io.shardwire.router.sql.SqlTokenizer;
import io.shardwire.router.sql.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * The top-level clauses of one SELECT's text, found from tokens at parenthesis depth 0, so the rewriter can
 * edit the statement as the client wrote it (keeping every expression's text, which MySQL uses as the column
 * name) instead of re-printing a parse tree.
 */
final class SelectText {
    private final String sql;
    private final List<Token> tokens;
    /** Start of the first select item (after SELECT and its modifiers). */
    final int itemsStart;
    /** Each select item's [start, end) in the text. */
    final List<int[]> items = new ArrayList<>();
    /** Where the text after the select list begins (FROM ... or the end). */
    final int afterItems;
    final int having;
    final int orderBy;
    final int limit;
    /** FOR UPDATE, LOCK IN SHARE MODE, INTO...: kept at the very end. */
    final int tail;

    private SelectText(String sql) {
        this.sql = sql;
        this.tokens = SqlTokenizer.tokenize(sql);
        int i = 1;
        while (i < tokens.size() && isModifier(tokens.get(i))) {
            i++;
        }
        itemsStart = i < tokens.size() ? tokens.get(i).start() : sql.length();
        int depth = 0;
        int itemStart = itemsStart;
        int after = sql.length();
        int havingAt = -1;
        int orderAt = -1;
        int limitAt = -1;
        int tailAt = sql.length();
        boolean inItems = true;
        for (; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isSymbol("(")) {
                depth++;
                continue;
            }
            if (t.isSymbol(")")) {
                depth--;
                continue;
            }
            if (depth != 0) {
                continue;
            }
            if (inItems && t.isSymbol(",")) {
                items.add(new int[] {itemStart, previousEnd(i)});
                itemStart = nextStart(i);
            } else if (inItems && (t.isWord("FROM") || t.isWord("INTO") && i > 0)) {
                items.add(new int[] {itemStart, previousEnd(i)});
                after = t.start();
                inItems = false;
                if (t.isWord("INTO")) {
                    tailAt = Math.min(tailAt, t.start());
                }
            } else if (!inItems && t.isWord("HAVING")) {
                havingAt = t.start();
            } else if (!inItems && t.isWord("ORDER") && next(i, "BY")) {
                orderAt = t.start();
            } else if (!inItems && t.isWord("LIMIT")) {
                limitAt = t.start();
            } else if (!inItems && (t.isWord("FOR") || (t.isWord("LOCK") && next(i, "IN")) || t.isWord("INTO"))) {
                tailAt = Math.min(tailAt, t.start());
            }
        }
        if (inItems) {
            items.add(new int[] {itemStart, tokens.isEmpty() ? sql.length() : tokens.get(tokens.size() - 1).end()});
        }
        this.afterItems = after;
        this.having = havingAt;
        this.orderBy = orderAt;
        this.limit = limitAt;
        this.tail = tailAt;
    }

    static SelectText of(String sql) {
        return new SelectText(sql);
    }

    String item(int index) {
        int[] span = items.get(index);
        return sql.substring(span[0], span[1]);
    }

    /** The text from FROM up to the first of HAVING / ORDER BY / LIMIT / tail. */
    String fromThroughGroupBy() {
        int end = firstOf(having, orderBy, limit, tail);
        return afterItems >= end ? "" : sql.substring(afterItems, endOfTokensBefore(tokens, end));
    }

    /** HAVING and its condition, up to ORDER BY / LIMIT / tail; empty when there is none. */
    String havingText() {
        return having < 0 ? "" : sql.substring(having, endOfTokensBefore(tokens, firstOf(orderBy, limit, tail)));
    }

    String orderByText() {
        return orderBy < 0 ? "" : sql.substring(orderBy, endOfTokensBefore(tokens, firstOf(limit, tail)));
    }

    /**
     * Where the last token before {@code position} ends: a clause cut there leaves out the comments that
     * follow it, so text appended after it ({@code ORDER BY}, {@code LIMIT}) cannot end up inside a
     * {@code -- ...} or {@code # ...} comment that ran to the end of the line.
     */
    static int endOfTokensBefore(List<Token> tokens, int position) {
        int end = 0;
        for (Token t : tokens) {
            if (t.end() > position) {
                break;
            }
            end = t.end();
        }
        return end;
    }

    String tailText() {
        return tail >= sql.length() ? "" : sql.substring(tail);
    }

    /** SELECT and its modifiers (DISTINCT, SQL_NO_CACHE...), as written. */
    String head() {
        return sql.substring(0, itemsStart);
    }

    private int firstOf(int... positions) {
        int min = sql.length();
        for (int p : positions) {
            if (p >= 0 && p < min) {
                min = p;
            }
        }
        return min;
    }

    private boolean next(int i, String word) {
        return i + 1 < tokens.size() && tokens.get(i + 1).isWord(word);
    }

    private int previousEnd(int i) {
        return i > 0 ? tokens.get(i - 1).end() : 0;
    }

    private int nextStart(int i) {
        return i + 1 < tokens.size() ? tokens.get(i + 1).start() : sql.length();
    }

    private static boolean isModifier(Token t) {
        return t.isWord("DISTINCT") || t.isWord("ALL") || t.isWord("DISTINCTROW") || t.isWord("HIGH_PRIORITY")
                || t.isWord("STRAIGHT_JOIN") || t.isWord("SQL_SMALL_RESULT") || t.isWord("SQL_BIG_RESULT")
                || t.isWord("SQL_BUFFER_RESULT") || t.isWord("SQL_NO_CACHE") || t.isWord("SQL_CACHE");
    }
}
