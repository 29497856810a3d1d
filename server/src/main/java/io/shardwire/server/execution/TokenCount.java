package io.shardwire.server.execution;

/**
 * About how many tokens the SQL tokenizer will make of a statement, from one pass without allocating: a run of word
 * characters is one token, a quoted string or identifier is one, every other character that is not white space is
 * one. Comments count as words: this is an estimate for {@link StatementBudget}, on the side of more.
 */
final class TokenCount {
    private TokenCount() {
    }

    static long of(byte[] sql) {
        Counter counter = new Counter();
        for (byte b : sql) {
            counter.next((char) (b & 0xFF));
        }
        return counter.tokens;
    }

    static long of(String sql) {
        Counter counter = new Counter();
        for (int i = 0; i < sql.length(); i++) {
            counter.next(sql.charAt(i));
        }
        return counter.tokens;
    }

    /** The state of one pass: inside a quote (and which), after a backslash, inside a word. */
    private static final class Counter {
        long tokens;
        char quote;
        boolean escaped;
        boolean inWord;

        void next(char c) {
            if (quote != 0) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\' && quote != '`') {
                    escaped = true;
                } else if (c == quote) {
                    quote = 0;
                }
                return;
            }
            if (c == '\'' || c == '"' || c == '`') {
                quote = c;
                tokens++;
                inWord = false;
            } else if (Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '.' || c >= 0x80) {
                if (!inWord) {
                    tokens++;
                    inWord = true;
                }
            } else {
                inWord = false;
                if (!Character.isWhitespace(c)) {
                    tokens++;
                }
            }
        }
    }
}
