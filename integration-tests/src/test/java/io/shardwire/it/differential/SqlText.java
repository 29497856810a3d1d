package io.shardwire.it.differential;

import java.util.List;
import java.util.stream.Collectors;

/** SQL literal text for generated statements (MariaDB's default sql_mode: backslash escapes on). */
final class SqlText {
    private SqlText() {
    }

    /** A quoted string literal, or NULL. */
    static String quote(String value) {
        if (value == null) {
            return "NULL";
        }
        return "'" + value.replace("\\", "\\\\").replace("'", "''").replace("\n", "\\n") + "'";
    }

    /** A number literal, or NULL. */
    static String number(Object value) {
        return value == null ? "NULL" : value.toString();
    }

    /** {@code (a, b, c)}. */
    static String tuple(List<String> literals) {
        return literals.stream().collect(Collectors.joining(", ", "(", ")"));
    }
}
