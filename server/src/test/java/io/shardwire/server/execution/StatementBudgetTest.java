package io.shardwire.server.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shardwire.router.sql.SqlTokenizer;
import io.shardwire.server.error.ProxyException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StatementBudgetTest {

    private static String inList(int bytes) {
        StringBuilder sql = new StringBuilder("SELECT COUNT(*) FROM customers WHERE id IN (1");
        while (sql.length() < bytes) {
            sql.append(",1");
        }
        return sql.append(')').toString();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT a, b FROM t WHERE id IN (1, 2, 3)", "INSERT INTO t VALUES (1, 'it''s', \"x\\\"y\"), (2, `q`, 0x1F)",
            "SELECT * FROM `my table` WHERE name = 'a,b,c' AND n >= 10.5"})
    void theEstimateIsCloseToTheTokenizersCount(String sql) {
        int tokens = SqlTokenizer.tokenize(sql).size();
        long estimate = TokenCount.of(sql);
        assertTrue(estimate >= tokens - 2 && estimate <= tokens + 4, sql + ": " + estimate + " vs " + tokens);
        assertEquals(estimate, TokenCount.of(sql.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aLongInListCostsPerTokenAndABigLiteralPerByte() {
        StatementBudget budget = new StatementBudget(100L << 20);
        ProxyException e = assertThrows(ProxyException.class, () -> budget.reserve(inList(1 << 20)));
        assertEquals(1041, e.error().errorCode());
        assertTrue(e.getMessage().contains("statement_memory_budget"), e.getMessage());
        String blob = "INSERT INTO t VALUES (1, X'" + "ab".repeat(4 << 20) + "')";
        try (StatementBudget.Reservation r = budget.reserve(blob)) {
            assertTrue(budget.reservedBytes() > 40L << 20, "8 MB of text reserve about 6 bytes each");
        }
        assertEquals(0, budget.reservedBytes());
    }

    @Test
    void smallStatementsNeverWaitAndLargeOnesTakeTurns() throws Exception {
        StatementBudget budget = new StatementBudget(40L << 20);
        String large = inList(100 * 1024); // about 100k tokens: 25 MB
        StatementBudget.Reservation first = budget.reserve(large);
        long heldByFirst = budget.reservedBytes();
        assertTrue(heldByFirst > 20L << 20, "held " + heldByFirst);
        try (StatementBudget.Reservation small = budget.reserve("SELECT 1")) {
            assertEquals(heldByFirst, budget.reservedBytes(), "a small statement reserves nothing and does not wait");
        }
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> budget.reserve(large).close());
        Thread.sleep(200);
        assertTrue(!second.isDone(), "the second large statement waits for the first");
        first.close();
        second.get(5, TimeUnit.SECONDS);
        assertEquals(0, budget.reservedBytes());
    }
}
