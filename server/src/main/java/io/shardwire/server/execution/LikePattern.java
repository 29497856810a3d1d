package io.shardwire.server.execution;

import java.util.regex.Pattern;

/**
 * SQL LIKE patterns as Java regular expressions: {@code %} any run, {@code _} one character, {@code \} escapes the
 * next character; case-insensitive, as names compare.
 */
final class LikePattern {
    private LikePattern() {
    }

    static String toRegex(String like) {
        StringBuilder regex = new StringBuilder("(?i)");
        for (int i = 0; i < like.length(); i++) {
            char c = like.charAt(i);
            if (c == '\\' && i + 1 < like.length()) {
                regex.append(Pattern.quote(String.valueOf(like.charAt(++i))));
                continue;
            }
            switch (c) {
                case '%' -> regex.append(".*");
                case '_' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }
}
