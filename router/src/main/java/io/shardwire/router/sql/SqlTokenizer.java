package io.shardwire.router.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * A single-pass MySQL lexer: enough to classify statements, find names and literals, and split
 * statements, without a full parse. Comments are skipped, except versioned comments ({@code /*!40101 ...}
 * and MariaDB's {@code /*M!...}) whose content is code to a MySQL server and is lexed as such.
 *
 * <p>It never throws: unterminated strings or comments end at the end of the text.
 */
public final class SqlTokenizer {
    private static final String[] TWO_CHAR_SYMBOLS = {":=", "<=", ">=", "<>", "!=", "||", "&&", "<<", ">>", "->"};
    private static final String[] ONE_CHAR_SYMBOLS = new String[128];

    static {
        for (char c = 0; c < ONE_CHAR_SYMBOLS.length; c++) {
            ONE_CHAR_SYMBOLS[c] = String.valueOf(c);
        }
    }

    private final String sql;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;

    private SqlTokenizer(String sql) {
        this.sql = sql;
    }

    public static List<Token> tokenize(String sql) {
        SqlTokenizer tokenizer = new SqlTokenizer(sql);
        tokenizer.run();
        return tokenizer.tokens;
    }

    private void run() {
        int n = sql.length();
        while (pos < n) {
            char c = sql.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '#' || (c == '-' && startsWith("--") && (pos + 2 >= n || Character.isWhitespace(sql.charAt(pos + 2))))) {
                skipLine();
            } else if (c == '/' && startsWith("/*")) {
                blockComment();
            } else if (c == '*' && startsWith("*/")) {
                pos += 2; // the end of a versioned comment whose content we lexed as code
            } else if (c == '\'' || c == '"') {
                quoted(TokenType.STRING, c);
            } else if (c == '`') {
                quoted(TokenType.QUOTED_IDENTIFIER, '`');
            } else if (c == '@') {
                variable();
            } else if (c == '?') {
                add(TokenType.PLACEHOLDER, pos, pos + 1, "?");
                pos++;
            } else if (isDigit(c) || (c == '.' && pos + 1 < n && isDigit(sql.charAt(pos + 1)))) {
                number();
            } else if (isWordStart(c)) {
                word();
            } else {
                symbol();
            }
        }
    }

    private void skipLine() {
        int end = sql.indexOf('\n', pos);
        pos = end < 0 ? sql.length() : end + 1;
    }

    private void blockComment() {
        if (startsWith("/*!") || startsWith("/*M!")) {
            pos += startsWith("/*M!") ? 4 : 3;
            while (pos < sql.length() && isDigit(sql.charAt(pos))) {
                pos++; // the version number: the content that follows is code
            }
            return;
        }
        int end = sql.indexOf("*/", pos + 2);
        pos = end < 0 ? sql.length() : end + 2;
    }

    private void quoted(TokenType type, char quote) {
        int start = pos;
        StringBuilder value = new StringBuilder();
        pos++;
        while (pos < sql.length()) {
            char c = sql.charAt(pos);
            if (c == '\\' && type == TokenType.STRING && pos + 1 < sql.length()) {
                value.append(unescape(sql.charAt(pos + 1)));
                pos += 2;
            } else if (c == quote) {
                if (pos + 1 < sql.length() && sql.charAt(pos + 1) == quote) {
                    value.append(quote);
                    pos += 2;
                } else {
                    pos++;
                    break;
                }
            } else {
                value.append(c);
                pos++;
            }
        }
        add(type, start, pos, value.toString());
    }

    private static String unescape(char c) {
        return switch (c) {
            case '0' -> "\0";
            case 'b' -> "\b";
            case 'n' -> "\n";
            case 'r' -> "\r";
            case 't' -> "\t";
            case 'Z' -> "\u001A";
            case '%' -> "\\%";
            case '_' -> "\\_";
            default -> String.valueOf(c);
        };
    }

    private void variable() {
        int start = pos;
        if (startsWith("@@")) {
            pos += 2;
            while (pos < sql.length() && (isWordPart(sql.charAt(pos)) || sql.charAt(pos) == '.')) {
                pos++;
            }
            add(TokenType.SYSTEM_VARIABLE, start, pos, sql.substring(start + 2, pos));
            return;
        }
        pos++;
        if (pos < sql.length() && (sql.charAt(pos) == '\'' || sql.charAt(pos) == '"' || sql.charAt(pos) == '`')) {
            char quote = sql.charAt(pos);
            quoted(TokenType.USER_VARIABLE, quote);
            Token quotedName = tokens.remove(tokens.size() - 1);
            add(TokenType.USER_VARIABLE, start, pos, quotedName.text());
            return;
        }
        while (pos < sql.length() && (isWordPart(sql.charAt(pos)) || sql.charAt(pos) == '.')) {
            pos++;
        }
        add(TokenType.USER_VARIABLE, start, pos, sql.substring(start + 1, pos));
    }

    private void number() {
        int start = pos;
        if (sql.charAt(pos) == '0' && pos + 1 < sql.length() && (sql.charAt(pos + 1) == 'x' || sql.charAt(pos + 1) == 'b')) {
            pos += 2;
            while (pos < sql.length() && Character.isLetterOrDigit(sql.charAt(pos))) {
                pos++;
            }
            add(TokenType.NUMBER, start, pos, sql.substring(start, pos));
            return;
        }
        while (pos < sql.length() && isDigit(sql.charAt(pos))) {
            pos++;
        }
        if (pos < sql.length() && sql.charAt(pos) == '.') {
            pos++;
            while (pos < sql.length() && isDigit(sql.charAt(pos))) {
                pos++;
            }
        }
        if (pos < sql.length() && (sql.charAt(pos) == 'e' || sql.charAt(pos) == 'E')) {
            int mark = pos;
            pos++;
            if (pos < sql.length() && (sql.charAt(pos) == '+' || sql.charAt(pos) == '-')) {
                pos++;
            }
            if (pos < sql.length() && isDigit(sql.charAt(pos))) {
                while (pos < sql.length() && isDigit(sql.charAt(pos))) {
                    pos++;
                }
            } else {
                pos = mark;
            }
        }
        if (pos < sql.length() && isWordStart(sql.charAt(pos))) {
            // an identifier that starts with digits, such as 1st_table
            while (pos < sql.length() && isWordPart(sql.charAt(pos))) {
                pos++;
            }
            add(TokenType.WORD, start, pos, sql.substring(start, pos));
            return;
        }
        add(TokenType.NUMBER, start, pos, sql.substring(start, pos));
    }

    private void word() {
        int start = pos;
        while (pos < sql.length() && isWordPart(sql.charAt(pos))) {
            pos++;
        }
        // X'hex' and B'bits' and N'national' literals
        if (pos - start == 1 && pos < sql.length() && sql.charAt(pos) == '\'') {
            char prefix = Character.toLowerCase(sql.charAt(start));
            if (prefix == 'x' || prefix == 'b') {
                int end = sql.indexOf('\'', pos + 1);
                pos = end < 0 ? sql.length() : end + 1;
                add(TokenType.NUMBER, start, pos, sql.substring(start, pos));
                return;
            }
            if (prefix == 'n') {
                quoted(TokenType.STRING, '\'');
                return;
            }
        }
        add(TokenType.WORD, start, pos, sql.substring(start, pos));
    }

    private void symbol() {
        int start = pos;
        for (String two : TWO_CHAR_SYMBOLS) {
            if (startsWith(two)) {
                pos += two.length();
                if (two.equals("<=") && pos < sql.length() && sql.charAt(pos) == '>') {
                    pos++;
                } else if (two.equals("->") && pos < sql.length() && sql.charAt(pos) == '>') {
                    pos++;
                }
                add(TokenType.SYMBOL, start, pos, sql.substring(start, pos));
                return;
            }
        }
        char c = sql.charAt(pos);
        pos++;
        // one shared String per ASCII symbol: a long IN list is half commas
        add(TokenType.SYMBOL, start, pos, c < ONE_CHAR_SYMBOLS.length ? ONE_CHAR_SYMBOLS[c] : sql.substring(start, pos));
    }

    private void add(TokenType type, int start, int end, String text) {
        tokens.add(new Token(type, start, end, text));
    }

    private boolean startsWith(String prefix) {
        return sql.startsWith(prefix, pos);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWordStart(char c) {
        return Character.isLetter(c) || c == '_' || c == '$' || c > 0x7F;
    }

    private static boolean isWordPart(char c) {
        return isWordStart(c) || isDigit(c);
    }
}
