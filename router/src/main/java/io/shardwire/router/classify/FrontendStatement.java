package io.shardwire.router.classify;

import java.util.List;
import java.util.Set;

/**
 * What the front-end classifier makes of one statement before any SQL parser sees it. JSqlParser throws on
 * many session and administrative statements that clients send (BEGIN, SET @a := 1, SHOW INDEX ... FROM,
 * KILL, XA ...), so those are recognised here from tokens alone.
 */
public sealed interface FrontendStatement {

    /** The statement text as the client sent it (one statement, without a trailing ';'). */
    String sql();

    /** {@code USE db}. */
    record Use(String sql, String schema) implements FrontendStatement {
    }

    /** {@code SET ...} with its comma-separated assignments. */
    record SetStatement(String sql, List<SetAssignment> assignments) implements FrontendStatement {
        public SetStatement {
            assignments = List.copyOf(assignments);
        }
    }

    /** BEGIN, START TRANSACTION, COMMIT, ROLLBACK, SAVEPOINT, RELEASE SAVEPOINT, ROLLBACK TO, XA ... */
    record Transaction(String sql, TransactionOp op) implements FrontendStatement {
    }

    /** {@code SHOW ...}; {@code what} is the upper-cased words after SHOW up to the first non-word. */
    record Show(String sql, String what) implements FrontendStatement {
    }

    /** {@code KILL [CONNECTION|QUERY] id}: ids are the proxy's own connection ids. */
    record Kill(String sql, boolean queryOnly, long connectionId) implements FrontendStatement {
    }

    /** {@code EXPLAIN ROUTE <statement>}: shows the plan without running it. */
    record ExplainRoute(String sql, String statement) implements FrontendStatement {
    }

    /** A statement for operators that the proxy answers itself (SHOW SHARD FOR, SHOW QUERY DIGESTS, RELOAD CONFIG...). */
    record Operator(String sql, OperatorCommand command) implements FrontendStatement {
    }

    /**
     * Everything else (SELECT, INSERT, DDL...), with the traits that decide where it may run and whether the
     * session must keep its backend connection afterwards.
     */
    record Generic(String sql, String keyword, Set<Trait> traits, List<FunctionCall> sessionFunctions)
            implements FrontendStatement {
        public Generic {
            traits = Set.copyOf(traits);
            sessionFunctions = List.copyOf(sessionFunctions);
        }

        public boolean has(Trait trait) {
            return traits.contains(trait);
        }
    }

    /** An empty statement (only comments or whitespace). */
    record Empty(String sql) implements FrontendStatement {
    }

    /** Statement properties found from tokens. */
    enum Trait {
        /** Assigns a user variable ({@code @a := ...}, {@code INTO @a}). */
        ASSIGNS_USER_VARIABLE,
        /** Reads a user variable. */
        READS_USER_VARIABLE,
        /** CREATE TEMPORARY TABLE. */
        CREATES_TEMPORARY_TABLE,
        /** LOCK TABLES, GET_LOCK(), FLUSH TABLES WITH READ LOCK: state held by the connection. */
        TAKES_LOCK,
        /** UNLOCK TABLES, RELEASE_LOCK(), RELEASE_ALL_LOCKS(). */
        RELEASES_LOCK,
        /** SQL-level PREPARE / EXECUTE / DEALLOCATE. */
        SQL_PREPARED_STATEMENT,
        /** SQL_CALC_FOUND_ROWS: the next FOUND_ROWS() must run on the same connection. */
        CALC_FOUND_ROWS,
        /** FOUND_ROWS() or LAST_INSERT_ID(expr): reads or sets per-connection state of the previous statement. */
        READS_PREVIOUS_RESULT,
        /** CREATE PROCEDURE/FUNCTION/TRIGGER/EVENT or another compound statement with its own ';'s. */
        COMPOUND,
        /** A data or schema change that may implicitly commit (DDL). */
        DDL
    }

    /**
     * A zero-argument call whose value belongs to the client's session, not to the pooled backend connection:
     * LAST_INSERT_ID(), ROW_COUNT(), CONNECTION_ID(), DATABASE(), SCHEMA(), and USER(), CURRENT_USER (with or without
     * parentheses), SESSION_USER(), SYSTEM_USER(), which name the proxy login, not the backend account. The proxy
     * supplies the value.
     */
    record FunctionCall(String name, int start, int end) {
    }
}
