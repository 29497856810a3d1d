package io.shardwire.server.session;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Session system variables a client has set, as SQL text ready to replay on a pooled backend connection
 * ({@code name -> value expression}). The same class describes what a backend connection has applied, so
 * bringing a connection in line is a diff of two instances (the ProxySQL approach).
 *
 * <p>Character-set variables are kept explicitly, because "unset" for them means utf8mb4, the charset the
 * proxy's backend connections are opened with, not the server's global default.
 */
public final class SessionVariables {
    /** Key under which {@code SET SESSION TRANSACTION <characteristics>} is kept. */
    public static final String TRANSACTION = "session transaction";

    private final Map<String, String> values = new LinkedHashMap<>();

    public void set(String name, String value) {
        values.remove(name);
        values.put(name, value);
    }

    public void clear() {
        values.clear();
    }

    public Map<String, String> values() {
        return Collections.unmodifiableMap(values);
    }

    public void copyFrom(SessionVariables other) {
        values.clear();
        values.putAll(other.values);
    }

    /** The value that undoes a variable on a connection where another session set it. */
    static String resetValue(String name) {
        if (name.startsWith("@")) {
            return "NULL";
        }
        return switch (name) {
            case "character_set_results", "character_set_connection", "character_set_client" -> "utf8mb4";
            case "collation_connection" -> "@@collation_database";
            case "autocommit" -> "1";
            case TRANSACTION -> "ISOLATION LEVEL REPEATABLE READ, READ WRITE";
            default -> "DEFAULT";
        };
    }

    /**
     * The statements that turn {@code applied} into this state: one SET with every changed variable, and
     * the session transaction characteristics (their own SET syntax) separately. Empty when nothing differs.
     */
    public List<String> diffFrom(SessionVariables applied) {
        StringBuilder set = new StringBuilder();
        List<String> statements = new ArrayList<>();
        for (Map.Entry<String, String> e : applied.values.entrySet()) {
            if (!values.containsKey(e.getKey())) {
                append(set, statements, e.getKey(), resetValue(e.getKey()));
            }
        }
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (!Objects.equals(applied.values.get(e.getKey()), e.getValue())) {
                append(set, statements, e.getKey(), e.getValue());
            }
        }
        if (!set.isEmpty()) {
            statements.add(0, "SET " + set);
        }
        return statements;
    }

    private static void append(StringBuilder set, List<String> statements, String name, String value) {
        if (name.startsWith("@")) {
            set.append(set.isEmpty() ? "" : ", ").append("@`").append(name.substring(1).replace("`", "``")).append("` = ").append(value);
            return;
        }
        if (name.equals(TRANSACTION)) {
            statements.add("SET SESSION TRANSACTION " + value);
            return;
        }
        set.append(set.isEmpty() ? "" : ", ").append("@@session.").append(name).append(" = ").append(value);
    }
}
