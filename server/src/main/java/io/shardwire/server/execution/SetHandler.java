package io.shardwire.server.execution;

import io.shardwire.protocol.ServerStatus;
import io.shardwire.router.classify.FrontendStatement;
import io.shardwire.router.classify.SetAssignment;
import io.shardwire.server.backend.BackendConnection;
import io.shardwire.server.backend.BackendPool;
import io.shardwire.server.error.ErrorTranslator;
import io.shardwire.server.session.Session;
import io.shardwire.server.session.Session.PinReason;
import io.shardwire.server.session.SessionVariables;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SET statements. Each assignment is run on the session's backend connection, so the backend validates it
 * and reports its own errors, and then recorded so that any pooled connection can be brought to the same
 * state later. Charsets are special: the proxy's backend connections always receive UTF-8 from the driver,
 * so SET NAMES changes how the proxy decodes the client's SQL and what the backend sends back
 * (character_set_results, character_set_connection), never character_set_client on the backend.
 */
final class SetHandler {
    private final BackendExecutor executor;

    SetHandler(BackendExecutor executor) {
        this.executor = executor;
    }

    void handle(Session session, BackendPool pool, FrontendStatement.SetStatement set) throws SQLException {
        Map<String, String> record = new LinkedHashMap<>();
        List<String> backendAssignments = new ArrayList<>();
        List<String> separateStatements = new ArrayList<>();
        Set<PinReason> pin = EnumSet.noneOf(PinReason.class);
        String clientCharset = null;
        for (SetAssignment assignment : set.assignments()) {
            switch (assignment) {
                case SetAssignment.SessionVariable v -> {
                    if (v.name().equals("character_set_client")) {
                        clientCharset = unquote(v.value());
                        backendAssignments.add("@@session.character_set_client = @@session.character_set_client");
                    } else {
                        backendAssignments.add("@@session." + v.name() + " = " + v.value());
                        record.put(v.name(), v.value());
                    }
                }
                case SetAssignment.UserVariable u -> {
                    backendAssignments.add("@`" + u.name().replace("`", "``") + "` = " + u.value());
                    pin.add(PinReason.USER_VARIABLES);
                    // replayed on the session's other backend connections (other shards) as the value it took
                    record.put("@" + u.name(), u.value());
                }
                case SetAssignment.GlobalVariable g -> backendAssignments.add("@@global." + g.name() + " = " + g.value());
                case SetAssignment.Names n -> {
                    clientCharset = n.charset();
                    String charset = "'" + n.charset() + "'";
                    backendAssignments.add("@@session.character_set_results = " + charset);
                    backendAssignments.add("@@session.character_set_connection = " + charset);
                    record.put("character_set_results", charset);
                    record.put("character_set_connection", charset);
                    if (n.collation() != null) {
                        backendAssignments.add("@@session.collation_connection = '" + n.collation() + "'");
                        record.put("collation_connection", "'" + n.collation() + "'");
                    } else {
                        // SET NAMES without COLLATE sets the charset's default collation: read back what it is, so
                        // that an earlier collation (SET NAMES ... COLLATE, the login's) is not replayed later
                        record.put("collation_connection", "@@session.collation_connection");
                    }
                }
                case SetAssignment.CharacterSet c -> {
                    clientCharset = c.charset();
                    backendAssignments.add("@@session.character_set_results = '" + c.charset() + "'");
                    backendAssignments.add("@@session.character_set_connection = @@character_set_database");
                    record.put("character_set_results", "'" + c.charset() + "'");
                    record.put("character_set_connection", "@@character_set_database");
                }
                case SetAssignment.TransactionCharacteristics t -> {
                    if (t.scope().equals("session")) {
                        separateStatements.add("SET SESSION TRANSACTION " + t.characteristics());
                        record.put(SessionVariables.TRANSACTION, t.characteristics());
                    } else if (t.scope().equals("global")) {
                        separateStatements.add("SET GLOBAL TRANSACTION " + t.characteristics());
                    } else {
                        // only for the next transaction: the connection must be the one that starts it
                        separateStatements.add("SET TRANSACTION " + t.characteristics());
                        pin.add(PinReason.TRANSACTION);
                    }
                }
                case SetAssignment.Other o -> separateStatements.add(set.sql());
            }
        }
        run(session, pool, backendAssignments, separateStatements, pin, record);
        if (clientCharset != null) {
            session.clientCharset(clientCharset);
        }
    }

    private void run(Session session, BackendPool pool, List<String> assignments, List<String> statements,
                     Set<PinReason> pin, Map<String, String> record) throws SQLException {
        BackendConnection connection = executor.acquire(session, pool);
        boolean healthy = false;
        try {
            StateSynchronizer.sync(connection, session);
            try (Statement statement = connection.jdbc().createStatement()) {
                statement.setEscapeProcessing(false);
                if (!assignments.isEmpty()) {
                    statement.execute("SET " + String.join(", ", assignments));
                }
                for (String sql : statements) {
                    statement.execute(sql);
                }
                for (Map.Entry<String, String> e : record.entrySet()) {
                    String value = e.getKey().startsWith("@") ? readBackUserVariable(statement, e.getKey().substring(1))
                            : needsReadBack(e.getKey(), e.getValue()) ? readBack(statement, e.getKey()) : e.getValue();
                    session.variables().set(e.getKey(), value);
                    connection.applied().variables().set(e.getKey(), value);
                }
            }
            session.autocommit((connection.statusFlags() & ServerStatus.AUTOCOMMIT) != 0);
            healthy = true;
        } catch (SQLException e) {
            healthy = ErrorTranslator.isServerError(e) && !connection.isBroken();
            throw e;
        } finally {
            executor.settle(session, connection, healthy, pin);
        }
    }

    /** A value that depends on the connection's current state is replayed as the value it produced. */
    private static boolean needsReadBack(String name, String value) {
        return !name.equals(SessionVariables.TRANSACTION) && (value.contains("@@") || value.contains("("));
    }

    private static String readBack(Statement statement, String name) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SELECT @@session." + name)) {
            rs.next();
            String value = rs.getString(1);
            return value == null ? "NULL" : "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
        }
    }

    /** A user variable's value as a literal of its type (number, string, bytes or NULL). */
    private static String readBackUserVariable(Statement statement, String name) throws SQLException {
        try (ResultSet rs = statement.executeQuery("SELECT @`" + name.replace("`", "``") + "`")) {
            rs.next();
            Object value = rs.getObject(1);
            return switch (value) {
                case null -> "NULL";
                case Double d -> d.toString().contains("E") ? d.toString() : d + "E0";
                case Number n -> n.toString();
                case byte[] bytes -> bytes.length == 0 ? "''" : "X'" + java.util.HexFormat.of().formatHex(bytes) + "'";
                default -> "'" + value.toString().replace("\\", "\\\\").replace("'", "''") + "'";
            };
        }
    }

    private static String unquote(String value) {
        String v = value.strip();
        if (v.length() >= 2 && (v.charAt(0) == '\'' || v.charAt(0) == '"' || v.charAt(0) == '`')) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
