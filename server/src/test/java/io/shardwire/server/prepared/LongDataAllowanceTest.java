package io.shardwire.server.prepared;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.shardwire.server.error.ProxyException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Long data is bounded per session, not only per parameter: many statements cannot add up to gigabytes. */
class LongDataAllowanceTest {

    @Test
    void theSessionsStatementsShareOneAllowance() {
        LongDataAllowance allowance = new LongDataAllowance(1000);
        ProxyPreparedStatement first = new ProxyPreparedStatement(1, SqlTemplate.parse("SELECT ?"), List.of(), allowance);
        ProxyPreparedStatement second = new ProxyPreparedStatement(2, SqlTemplate.parse("SELECT ?, ?"), List.of(), allowance);
        first.appendLongData(0, new byte[600]);
        second.appendLongData(0, new byte[300]);
        second.appendLongData(1, new byte[300]); // 1200 in all: past the session's 1000
        ProxyException e = assertThrows(ProxyException.class, second::throwDeferredError);
        assertEquals(1153, e.error().errorCode());
        assertEquals(600, allowance.held(), "the refused statement gave back what it held");
        first.clearLongData();
        assertEquals(0, allowance.held(), "an execution or reset gives the data back");
        second.appendLongData(1, new byte[900]);
        assertDoesNotThrow(second::throwDeferredError);
    }

    @Test
    void closingStatementsGivesTheirDataBack() {
        LongDataAllowance allowance = new LongDataAllowance(1000);
        PreparedStatements statements = new PreparedStatements(10);
        ProxyPreparedStatement statement = new ProxyPreparedStatement(statements.nextId(), SqlTemplate.parse("SELECT ?"),
                List.of(), allowance);
        statements.add(statement);
        statement.appendLongData(0, new byte[700]);
        statements.remove(statement.id());
        assertEquals(0, allowance.held());
    }
}
