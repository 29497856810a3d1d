package io.shardwire.server.error;

/**
 * The catalogue of errors the proxy itself raises: MySQL error number, SQLSTATE and message template.
 * Errors a backend raises are passed to the client unchanged and are not listed here.
 */
public enum ProxyError {
    ACCESS_DENIED(1045, "28000", "Access denied for user '%s'@'%s' (using password: %s)"),
    UNKNOWN_COMMAND(1047, "08S01", "Unknown command %s: shardwire does not implement it"),
    NO_DATABASE_SELECTED(1046, "3D000", "No database selected"),
    UNKNOWN_DATABASE(1049, "42000", "Unknown database '%s'"),
    PACKET_TOO_LARGE(1153, "08S01", "Got a packet bigger than 'max_allowed_packet' bytes (%s)"),
    PACKET_BUDGET_FULL(1041, "HY000", "Out of memory: shardwire's buffer for packets still arriving from clients is full"
            + " (server.client_packet_budget); retry the statement, or send smaller packets: %s"),
    NET_READ_TIMEOUT(1159, "08S01", "Got timeout reading communication packets: %s"),
    STATEMENT_TOO_LARGE(1041, "HY000", "Out of memory: a statement of %s (about %d tokens) needs about %s of"
            + " shardwire's heap to be planned, more than server.statement_memory_budget (%s) allows; split it"
            + " (shorter IN lists, fewer rows per INSERT)"),
    STATEMENT_BUDGET_BUSY(1041, "HY000", "Out of memory: other large statements held shardwire's statement memory"
            + " (server.statement_memory_budget, %3$s) for the %2$d s this statement of %1$s waited; retry it"),
    MALFORMED_PACKET(1835, "HY000", "Malformed communication packet: %s"),
    EMPTY_QUERY(1065, "42000", "Query was empty"),
    PARSE_ERROR(1064, "42000", "You have an error in your SQL syntax: %s"),
    MULTI_STATEMENTS_OFF(1064, "42000",
            "You have an error in your SQL syntax: %d statements in one query but the client did not enable "
                    + "multi-statements (CLIENT_MULTI_STATEMENTS / allowMultiQueries)"),
    NO_SUCH_THREAD(1094, "HY000", "Unknown thread id: %d"),
    TOO_MANY_CONNECTIONS(1040, "08004", "Too many connections (shardwire max_connections is %d)"),
    /** MySQL's ER_HOST_IS_BLOCKED, for an address that failed to log in too often (see LoginThrottle). */
    HOST_IS_BLOCKED(1129, "HY000", "Host '%s' is blocked because of many connection errors (%d failed logins);"
            + " it is unblocked in %d seconds, or at once by an admin's FLUSH HOSTS through shardwire"),
    BACKEND_UNAVAILABLE(1105, "HY000", "shardwire: backend %s is unavailable: %s"),
    BACKEND_LOST_IN_TRANSACTION(1105, "HY000",
            "shardwire: the connection to backend %s was lost inside a transaction; the transaction was rolled back: %s"),
    QUERY_INTERRUPTED(1317, "70100", "Query execution was interrupted"),
    NOT_SUPPORTED(1235, "42000", "shardwire does not support %s"),
    DATABASE_ACCESS_DENIED(1044, "42000", "Access denied for user '%s'@'%s' to database '%s'"),
    COMMAND_DENIED(1142, "42000", "%s command denied to user '%s'@'%s' for table %s"),
    PRIVILEGE_NEEDED(1227, "42000", "Access denied; you need (at least one of) the %s privilege(s) for this operation (%s)"),
    NO_SUCH_GRANT(1141, "42000", "There is no such grant defined for user '%s' on host '%s'"),
    ADMIN_ONLY(1227, "42000", "Access denied; you need the shardwire admin privilege for %s"),
    PARTIAL_FANOUT(1105, "HY000",
            "shardwire: the statement failed on shard %s after shards %s had already applied it (there is no"
                    + " distributed rollback; check and repair those shards): %s"),
    BROADCAST_MISMATCH(1105, "HY000",
            "shardwire: the copies of a broadcast table diverge: shards %s changed %s rows; repair them so that"
                    + " every copy is identical"),
    ROUTE_REFUSED(1235, "42000", "shardwire does not support %s"),
    TRANSACTION_ROLLED_BACK(1213, "40001",
            "shardwire: a query across shards failed inside a transaction, so the transaction was rolled back on"
                    + " every shard: %s"),
    MERGE_FAILED(1105, "HY000", "shardwire could not merge the shards' results: %s"),
    UNKNOWN_STMT_HANDLER(1243, "HY000", "Unknown prepared statement handler (%d) given to %s"),
    TOO_MANY_PREPARED_STATEMENTS(1461, "42000",
            "Can't create more than max_prepared_stmt_count statements (current value: %d); shardwire allows %d "
                    + "prepared statements per connection: close statements the application no longer uses"),
    NO_OPEN_CURSOR(1421, "HY000", "The statement (%d) has no open cursor"),
    WRONG_ARGUMENTS(1210, "HY000", "Incorrect arguments to %s: %s"),
    LONG_DATA_TOO_LARGE(1153, "08S01", "Parameter of prepared statement which is set through mysql_send_long_data() "
            + "is longer than 'max_allowed_packet' bytes (%d)"),
    CURSOR_TOO_LARGE(1105, "HY000", "shardwire holds cursors' results in memory, up to %d more bytes for this session"
            + " (64 MB for all its open cursors), and this result is larger: read it without a cursor (Connector/J"
            + " useCursorFetch=false), in smaller parts (LIMIT), or close the session's other cursors"),
    PLACEHOLDER_MISMATCH(1105, "HY000", "shardwire found %d placeholders in the statement where the backend found %d; "
            + "the statement cannot be prepared through the proxy: %s"),
    RELOAD_REFUSED(1105, "HY000", "shardwire did not reload its configuration; the running one stays: %s"),
    UNKNOWN_TABLE_RULE(1146, "42S02", "shardwire has no sharding rule for table %s: %s"),
    INTERNAL(1105, "HY000", "shardwire internal error: %s");

    private final int errorCode;
    private final String sqlState;
    private final String template;

    ProxyError(int errorCode, String sqlState, String template) {
        this.errorCode = errorCode;
        this.sqlState = sqlState;
        this.template = template;
    }

    public int errorCode() {
        return errorCode;
    }

    public String sqlState() {
        return sqlState;
    }

    public ProxyException exception(Object... args) {
        return new ProxyException(this, String.format(template, args));
    }
}
