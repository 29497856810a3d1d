package io.shardwire.server.execution;

import io.shardwire.router.classify.FrontendStatement;
import io.shardwire.server.session.Session;

/**
 * Replaces calls whose value belongs to the client session with that value, because the pooled backend
 * connection that runs the statement may not be the one that ran the previous statement: LAST_INSERT_ID()
 * from the session's last insert, ROW_COUNT() from its last statement, CONNECTION_ID() with the proxy's id,
 * DATABASE() with the session's schema, USER() and CURRENT_USER() with the proxy login (every backend connection
 * runs as the backend account, which is no business of the client). In a select list the value keeps the call's text as its name.
 */
final class SessionFunctions {
    private SessionFunctions() {
    }

    static String substitute(Session session, FrontendStatement.Generic statement) {
        if (statement.sessionFunctions().isEmpty()) {
            return statement.sql();
        }
        String sql = statement.sql();
        StringBuilder out = new StringBuilder(sql.length() + 32);
        int at = 0;
        for (FrontendStatement.FunctionCall call : statement.sessionFunctions()) {
            out.append(sql, at, call.start());
            String value = valueOf(session, call.name());
            String original = sql.substring(call.start(), call.end());
            if (isSelectItem(sql, call)) {
                out.append(value).append(" AS `").append(original.replace("`", "``")).append('`');
            } else {
                out.append(value);
            }
            at = call.end();
        }
        out.append(sql, at, sql.length());
        return out.toString();
    }

    private static String valueOf(Session session, String function) {
        return switch (function) {
            case "LAST_INSERT_ID" -> Long.toUnsignedString(session.lastInsertId());
            case "ROW_COUNT" -> Long.toString(session.rowCount());
            case "CONNECTION_ID" -> Long.toString(session.id());
            case "USER", "SESSION_USER", "SYSTEM_USER" -> quoted(session.user() + "@" + session.host());
            case "CURRENT_USER" -> quoted(session.user() + "@%");
            default -> session.schema() == null ? "NULL" : quoted(session.schema());
        };
    }

    private static String quoted(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    /** A call that is a whole item of the select list and has no alias of its own. */
    private static boolean isSelectItem(String sql, FrontendStatement.FunctionCall call) {
        String before = sql.substring(0, call.start()).stripTrailing();
        String after = sql.substring(call.end()).stripLeading();
        String upperBefore = before.toUpperCase(java.util.Locale.ROOT);
        boolean startsItem = upperBefore.endsWith(",") || upperBefore.endsWith("SELECT")
                || upperBefore.endsWith("DISTINCT");
        String upperAfter = after.toUpperCase(java.util.Locale.ROOT);
        boolean endsItem = after.isEmpty() || after.startsWith(",") || after.startsWith(";")
                || upperAfter.startsWith("FROM") || upperAfter.startsWith("LIMIT") || upperAfter.startsWith("INTO")
                || upperAfter.startsWith("UNION") || upperAfter.startsWith("FOR ") || upperAfter.startsWith(")");
        return startsItem && endsItem && !upperAfter.startsWith("AS") && !upperBefore.endsWith("(");
    }
}
