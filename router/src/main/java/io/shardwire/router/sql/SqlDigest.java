package io.shardwire.router.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A statement with its literals taken out, from one pass of the tokenizer (no parse), in two forms:
 *
 * <ul>
 *   <li>{@link #text()}, for people (ProxySQL's query digest): literals are {@code ?}, comments dropped,
 *       whitespace collapsed, keywords as written, and a list of more than three values ({@code IN (1,2,3,4,5)},
 *       the rows of a multi-row INSERT) cut to its first three and {@code ...}, so the statements an application
 *       sends with different values and list lengths count as one.</li>
 *   <li>{@link #shape()}, for the plan cache: every literal kept in place and marked with its kind ({@code ?n} an
 *       integer, {@code ?d} a decimal, {@code ?x} any other number, {@code ?s} a string; a parameter marker stays
 *       {@code ?}), so two statements of one shape differ in literal values only, never in how a parser or the
 *       router reads them.</li>
 * </ul>
 *
 * A minus or plus sign directly before a number, where an operator or an opening parenthesis precedes it, belongs
 * to the literal ({@code id = -5} and {@code id = 5} are one statement with different values).
 *
 * @param literals the literals in text order, as slots a cached plan refers to by index
 */
public record SqlDigest(String text, String shape, List<Literal> literals) {
    private static final int LIST_SHOWN = 3;

    /** The kinds a cached plan distinguishes: a literal of another kind is another shape. */
    public enum LiteralKind {
        INTEGER, DECIMAL, OTHER_NUMBER, STRING
    }

    /**
     * One literal: its kind, where it is in the statement text ({@code start} includes a folded sign), and
     * whether a minus sign was folded into it.
     */
    public record Literal(LiteralKind kind, int start, int end, boolean negative, Token token) {
    }

    public SqlDigest {
        literals = List.copyOf(literals);
    }

    public static SqlDigest of(String sql) {
        return of(SqlTokenizer.tokenize(sql));
    }

    public static SqlDigest of(List<Token> tokens) {
        StringBuilder text = new StringBuilder(64);
        StringBuilder shape = new StringBuilder(64);
        List<Literal> literals = new ArrayList<>();
        ListCutter cutter = new ListCutter();
        Token previous = null;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
            if (isSign(t) && next != null && next.type() == TokenType.NUMBER && startsOperand(previous)
                    && t.end() == next.start()) {
                literals.add(new Literal(kindOf(next), t.start(), next.end(), t.text().equals("-"), next));
                appendLiteral(text, shape, cutter, previous, kindOf(next));
                previous = next;
                i++;
                continue;
            }
            if (t.type() == TokenType.NUMBER || t.type() == TokenType.STRING) {
                LiteralKind kind = t.type() == TokenType.STRING ? LiteralKind.STRING : kindOf(t);
                literals.add(new Literal(kind, t.start(), t.end(), false, t));
                appendLiteral(text, shape, cutter, previous, kind);
            } else {
                String written = written(t);
                cutter.other(t, text);
                appendWord(shape, previous, t, written);
                if (!cutter.hiding()) {
                    appendWord(text, previous, t, written);
                }
            }
            previous = t;
        }
        return new SqlDigest(text.toString(), shape.toString(), literals);
    }

    private static void appendLiteral(StringBuilder text, StringBuilder shape, ListCutter cutter, Token previous,
                                      LiteralKind kind) {
        space(shape, previous, null);
        shape.append(switch (kind) {
            case INTEGER -> "?n";
            case DECIMAL -> "?d";
            case OTHER_NUMBER -> "?x";
            case STRING -> "?s";
        });
        if (!cutter.hiding()) {
            space(text, previous, null);
            text.append('?');
        }
    }

    private static void appendWord(StringBuilder out, Token previous, Token t, String written) {
        space(out, previous, t);
        out.append(written);
    }

    /** One space between tokens, except around '.', after '(' and ',', and before ')' and ','. */
    private static void space(StringBuilder out, Token previous, Token t) {
        if (out.isEmpty() || previous == null) {
            return;
        }
        if (previous.isSymbol("(") || previous.isSymbol(".") || previous.isSymbol(",")) {
            return;
        }
        if (t != null && (t.isSymbol(")") || t.isSymbol(",") || t.isSymbol(".") || t.isSymbol(";"))) {
            return;
        }
        if (t != null && t.isSymbol("(") && previous.type() == TokenType.WORD && previous.end() == t.start()) {
            return; // as written: COUNT(*) stays one word (a table name or IN and its list may be spaced either way)
        }
        out.append(' ');
    }

    private static String written(Token t) {
        return switch (t.type()) {
            case QUOTED_IDENTIFIER -> "`" + t.text().replace("`", "``") + "`";
            case USER_VARIABLE -> "@" + t.text();
            case SYSTEM_VARIABLE -> "@@" + t.text();
            default -> t.text();
        };
    }

    private static boolean isSign(Token t) {
        return t.isSymbol("-") || t.isSymbol("+");
    }

    /** True when the token before a sign makes the sign unary: an operator, '(' or ',', or nothing. */
    private static boolean startsOperand(Token previous) {
        if (previous == null) {
            return true;
        }
        if (previous.type() == TokenType.SYMBOL) {
            return !previous.isSymbol(")");
        }
        if (previous.type() == TokenType.WORD) {
            String w = previous.text().toUpperCase(Locale.ROOT);
            return switch (w) {
                case "SELECT", "WHERE", "AND", "OR", "NOT", "ON", "BY", "IN", "BETWEEN", "WHEN", "THEN", "ELSE",
                     "SET", "VALUES", "VALUE", "LIMIT", "OFFSET", "HAVING", "RETURN", "LIKE", "IS", "XOR",
                     "DIV", "MOD", "INTERVAL" -> true;
                default -> false;
            };
        }
        return false;
    }

    private static LiteralKind kindOf(Token number) {
        String n = number.text();
        boolean digitsOnly = true;
        boolean point = false;
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (c == '.') {
                point = true;
            } else if (c < '0' || c > '9') {
                digitsOnly = false;
            }
        }
        if (!digitsOnly) {
            return LiteralKind.OTHER_NUMBER;
        }
        return point ? LiteralKind.DECIMAL : LiteralKind.INTEGER;
    }

    /**
     * Cuts lists of literals in the human text: inside parentheses that hold only literals and commas, items past
     * the third become "...", and so do rows past the third of {@code VALUES (..), (..), ...} (a row keeps all
     * its values: its width tells the statements apart).
     */
    private static final class ListCutter {
        private int depth;
        private int itemsAtDepth;
        private boolean onlyLiterals;
        private boolean cutting;
        private int rowsAfterValues = -1;
        private boolean cuttingRows;
        private int rowDepthStart;

        boolean hiding() {
            return cutting || cuttingRows;
        }

        /** Called for every token that is not a literal, before it is appended. */
        void other(Token t, StringBuilder text) {
            if (t.isWord("VALUES") || t.isWord("VALUE")) {
                rowsAfterValues = 0;
                rowDepthStart = depth;
                return;
            }
            if (t.isSymbol("(")) {
                depth++;
                itemsAtDepth = 1;
                onlyLiterals = true;
                if (rowsAfterValues >= 0 && depth == rowDepthStart + 1) {
                    rowsAfterValues++;
                }
                return;
            }
            if (t.isSymbol(")")) {
                if (cutting) {
                    cutting = false;
                    text.append(",...");
                }
                depth--;
                onlyLiterals = false;
                return;
            }
            if (t.isSymbol(",")) {
                if (rowsAfterValues >= 0 && depth == rowDepthStart) {
                    if (rowsAfterValues >= LIST_SHOWN && !cuttingRows) {
                        cuttingRows = true;
                        text.append(",...");
                    }
                    return;
                }
                boolean inRow = rowsAfterValues >= 0 && depth == rowDepthStart + 1;
                if (onlyLiterals && !cuttingRows && !inRow) {
                    itemsAtDepth++;
                    if (itemsAtDepth > LIST_SHOWN && !cutting) {
                        cutting = true;
                    }
                }
                return;
            }
            if (depth == rowDepthStart && rowsAfterValues >= 0) {
                // the rows ended (ON DUPLICATE KEY UPDATE ...)
                rowsAfterValues = -1;
                cuttingRows = false;
            }
            onlyLiterals = false;
        }
    }
}
