package io.shardwire.server.prepared;

import io.shardwire.protocol.binary.ParameterType;
import io.shardwire.protocol.packet.ColumnDefinition;
import io.shardwire.server.error.ProxyError;
import io.shardwire.server.error.ProxyException;
import io.shardwire.server.execution.CursorBuffer;
import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * A statement prepared by a client through the proxy. The proxy keeps it itself, because backend connections
 * are borrowed per statement and a backend's statement id would mean nothing on the next borrowed one: its
 * SQL template, the result columns a backend described at prepare time, the parameter types of the last
 * execution that sent them, and the long data sent for its parameters since the last execution.
 *
 * <p>Owned by the session's worker thread.
 */
final class ProxyPreparedStatement {
    private final long id;
    private final SqlTemplate template;
    private final List<ColumnDefinition> columns;
    private final long maxLongData;
    private final LongDataAllowance allowance;
    private final ByteArrayOutputStream[] longData;
    private List<ParameterType> boundTypes;
    private ProxyException deferredError;
    private CursorBuffer cursor;

    ProxyPreparedStatement(long id, SqlTemplate template, List<ColumnDefinition> columns, LongDataAllowance allowance) {
        this.id = id;
        this.template = template;
        this.columns = List.copyOf(columns);
        this.maxLongData = allowance.limit();
        this.allowance = allowance;
        this.longData = new ByteArrayOutputStream[template.parameterCount()];
    }

    long id() { return id; }
    SqlTemplate template() { return template; }
    List<ColumnDefinition> columns() { return columns; }
    int parameterCount() { return template.parameterCount(); }

    /** The types the last execution with new-params-bound = 1 sent, or null if none did. */
    List<ParameterType> boundTypes() { return boundTypes; }

    void boundTypes(List<ParameterType> types) { this.boundTypes = types; }

    /**
     * COM_STMT_SEND_LONG_DATA has no answer, so a problem with it (a parameter that does not exist, too much
     * data) is kept and reported by the next COM_STMT_EXECUTE, as mysqld does.
     */
    void appendLongData(int parameter, byte[] data) {
        if (parameter >= longData.length) {
            deferredError = ProxyError.WRONG_ARGUMENTS.exception("mysqld_stmt_send_long_data",
                    "parameter " + parameter + " does not exist; the statement has " + longData.length);
            return;
        }
        if (longData[parameter] == null) {
            longData[parameter] = new ByteArrayOutputStream();
        }
        if ((long) longData[parameter].size() + data.length > maxLongData || !allowance.take(data.length)) {
            deferredError = ProxyError.LONG_DATA_TOO_LARGE.exception(maxLongData);
            return;
        }
        longData[parameter].writeBytes(data);
    }

    /** The long data sent for a parameter since the last execution or reset, or null. */
    byte[] longData(int parameter) {
        ByteArrayOutputStream data = longData[parameter];
        return data == null ? null : data.toByteArray();
    }

    /** Throws what a COM_STMT_SEND_LONG_DATA could not answer, once. */
    void throwDeferredError() {
        ProxyException error = deferredError;
        if (error != null) {
            deferredError = null;
            clearLongData();
            throw error;
        }
    }

    /** The open cursor of the last execution, or null. */
    CursorBuffer cursor() { return cursor; }

    /** A new execution, COM_STMT_RESET or the last fetched row closes the cursor (null) or opens one. */
    void cursor(CursorBuffer cursor) { this.cursor = cursor; }

    /** COM_STMT_RESET, and after each execution: long data is used by one execution only. */
    void clearLongData() {
        for (ByteArrayOutputStream data : longData) {
            if (data != null) {
                allowance.give(data.size());
            }
        }
        java.util.Arrays.fill(longData, null);
        deferredError = null;
    }
}
