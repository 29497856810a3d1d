package io.shardwire.router.sql;

import java.util.Locale;

/**
 * One token of SQL text: its class, its span in the original string and its value (unquoted/unescaped for
 * strings and quoted identifiers, as written otherwise).
 */
public record Token(TokenType type, int start, int end, String text) {

    /** True for an unquoted word equal to {@code keyword}, ignoring case. */
    public boolean isWord(String keyword) {
        return type == TokenType.WORD && text.equalsIgnoreCase(keyword);
    }

    public boolean isSymbol(String symbol) {
        return type == TokenType.SYMBOL && text.equals(symbol);
    }

    /** An identifier-like token (word or back-quoted) in lower case, for name comparisons. */
    public boolean isName() {
        return type == TokenType.WORD || type == TokenType.QUOTED_IDENTIFIER;
    }

    public String lower() {
        return text.toLowerCase(Locale.ROOT);
    }
}
