package io.shardwire.it.differential;

import java.util.List;

/**
 * Statements the proxy cannot answer exactly and must refuse, each with the text its error must contain. This is
 * the suite's whole exceptions list: every entry is covered by a line of the README's Limitations section, and
 * any other refusal fails the suite. Refused writes are followed by a comparison of the tables they name, so a
 * refusal that had already changed a shard shows.
 */
final class Refusals {
    private static final String CUSTOMER_ROW = "'Refused', 'gold', 0, '2025-01-01 00:00:00'";

    private Refusals() {
    }

    static void addTo(Corpus c) {
        joinsAndSubqueries(c);
        mergeFeatures(c);
        enumOrder(c);
        writes(c);
    }

    private static void joinsAndSubqueries(Corpus c) {
        c.category("refused_join_subquery");
        c.refused("SELECT c.id, o.id FROM customers c JOIN orders o ON o.id = c.id", "that is not on their shard keys");
        c.refused("SELECT c.id, o.id FROM customers c JOIN orders o ON o.amount > c.balance WHERE c.id = 1",
                "that is not on their shard keys");
        c.refused("SELECT a.email, c.name FROM accounts a JOIN customers c ON c.id = a.customer_id", "which are not co-located");
        c.refused("SELECT e.id, c.name FROM events e JOIN customers c ON c.id = e.customer_id WHERE e.created_at = '2024-01-01'",
                "which are not co-located");
        c.refused("SELECT c.id, s.value FROM customers c JOIN `settings` s ON s.name = c.name", "with unsharded table settings");
        c.refused("SELECT * FROM customers WHERE id IN (SELECT customer_id FROM orders WHERE amount > 2150)",
                "not correlated on the shard key");
        c.refused("SELECT COUNT(*) FROM (SELECT id FROM customers WHERE balance > 0) t", "not correlated on the shard key");
        c.refused("SELECT id FROM customers WHERE balance > (SELECT AVG(balance) FROM customers)", "not correlated on the shard key");
        c.refused("SELECT id FROM customers WHERE balance > 9990 UNION SELECT code FROM countries",
                "branch over unsharded or broadcast tables only");
        c.refused("WITH t AS (SELECT id FROM customers) SELECT COUNT(*) FROM t", "WITH (common table expressions)");
    }

    private static void mergeFeatures(Corpus c) {
        c.category("refused_merge");
        c.refused("SELECT COUNT(DISTINCT country) FROM customers", "COUNT(DISTINCT ...) across shards");
        c.refused("SELECT SUM(DISTINCT age) FROM customers", "SUM(DISTINCT ...) across shards");
        c.refused("SELECT AVG(DISTINCT amount) FROM orders WHERE customer_id IN (1, 2, 3, 4, 5)", "AVG(DISTINCT ...) across shards");
        c.refused("SELECT GROUP_CONCAT(name) FROM customers WHERE balance > 9990", "GROUP_CONCAT() in a query across shards");
        c.refused("SELECT country, GROUP_CONCAT(id) FROM customers WHERE id IN (1, 2, 3, 4, 5, 6) GROUP BY country",
                "GROUP_CONCAT() in a query across shards");
        c.refused("SELECT STDDEV(balance) FROM customers", "STDDEV() in a query across shards");
        c.refused("SELECT VARIANCE(amount) FROM orders", "VARIANCE() in a query across shards");
        c.refused("SELECT id, ROW_NUMBER() OVER (ORDER BY id) FROM customers", "window functions (OVER)");
        c.refused("SELECT SQL_CALC_FOUND_ROWS id FROM customers LIMIT 5", "SQL_CALC_FOUND_ROWS");
        c.refused("SELECT id, RAND() FROM customers WHERE balance > 9990", "RAND() in a query across shards");
        c.refused("SELECT tier, COUNT(*) FROM customers GROUP BY tier WITH ROLLUP", "WITH ROLLUP");
        c.refused("SELECT SUM(balance) / COUNT(*) FROM customers", "an expression over aggregates");
        c.refused("SELECT MAX(amount) - MIN(amount) FROM orders", "an expression over aggregates");
        c.refused("SELECT kind, COUNT(*) - COUNT(score) FROM events GROUP BY kind", "an expression over aggregates");
        c.refused("SELECT age, COUNT(*) AS n FROM customers GROUP BY age HAVING n >= 80 OR age IS NULL",
                "HAVING age IS NULL across shards");
        c.refused("SELECT DISTINCT country, COUNT(*) FROM customers GROUP BY country", "DISTINCT together with aggregates");
        String groupedOrder = "SELECT country, tier, COUNT(*) AS n FROM customers GROUP BY country, tier"
                + " ORDER BY n DESC, country, CAST(tier AS CHAR) LIMIT 10";
        c.refused(groupedOrder, "does not support ORDER BY CAST(tier AS CHAR) in a grouped query across shards");
        // EXPLAIN ROUTE reports the same refusal, not an internal error
        c.refused("EXPLAIN ROUTE " + groupedOrder, "does not support ORDER BY CAST(tier AS CHAR) in a grouped query");
    }

    /** MySQL orders an ENUM by its position in the definition, which result rows do not carry. */
    private static void enumOrder(Corpus c) {
        c.category("refused_enum_order");
        for (String sql : List.of("SELECT id, tier FROM customers ORDER BY tier, id",
                "SELECT id, tier FROM customers ORDER BY tier DESC, id LIMIT 30 OFFSET 1250",
                "SELECT id, status FROM orders WHERE status IN ('shipped', 'cancelled') ORDER BY status, id",
                "SELECT id, kind FROM events WHERE created_at BETWEEN '2023-12-20' AND '2024-01-10' ORDER BY kind DESC, id",
                "SELECT tier, COUNT(*) FROM customers GROUP BY tier ORDER BY tier",
                "SELECT status, COUNT(*) FROM orders GROUP BY status ORDER BY status DESC",
                "SELECT DISTINCT status FROM orders ORDER BY status")) {
            c.refused(sql, "ORDER BY the ENUM or SET column");
        }
    }

    private static void writes(Corpus c) {
        c.category("refused_write");
        c.refused("UPDATE customers SET id = id + 1000000 WHERE id = 5", "an UPDATE of the shard key id of customers", "customers");
        c.refused("UPDATE orders SET customer_id = 5 WHERE id = 1", "an UPDATE of the shard key customer_id of orders", "orders");
        c.refused("UPDATE accounts SET email = 'moved@example.com' WHERE id = 7", "an UPDATE of the shard key email", "accounts");
        c.refused("INSERT INTO customers (id, name, tier, balance, created_at) VALUES (1, " + CUSTOMER_ROW + ")"
                + " ON DUPLICATE KEY UPDATE id = id", "ON DUPLICATE KEY UPDATE of the shard key", "customers");
        c.refused("INSERT INTO orders (id, status, amount, ordered_at) VALUES (50001, 'new', 1, '2025-01-01')",
                "without a value for the shard key customer_id", "orders");
        c.refused("INSERT INTO orders (id, customer_id, status, amount, ordered_at) VALUES (50002, 7, 'new', 1, '2025-01-01'),"
                + " (50003, NULL, 'new', 1, '2025-01-01')", "the shard key customer_id is NULL", "orders");
        c.refused("INSERT INTO orders (id, customer_id, status, amount, ordered_at) VALUES (50004, 1 + 1, 'new', 1, '2025-01-01')",
                "must be a literal value", "orders");
        c.refused("INSERT INTO customers (id, name, tier, balance, created_at) SELECT id + 100000, name, tier, balance,"
                + " created_at FROM customers WHERE id < 10", "when the rows would have to move between shards", "customers");
        c.refused("UPDATE customers SET balance = 0 WHERE age = 50 LIMIT 3", "with ORDER BY or LIMIT", "customers");
        c.refused("DELETE FROM customers WHERE balance < 0 ORDER BY id LIMIT 1", "with ORDER BY or LIMIT", "customers");
        c.refused("DELETE FROM orders WHERE customer_id IN (SELECT id FROM customers WHERE balance < -499)",
                "with a subquery whose rows are not all on the shard", "orders");
        c.refused("UPDATE customers c JOIN orders o ON o.customer_id = c.id SET c.balance = 0 WHERE o.id = 5",
                "multi-table UPDATE", "customers", "orders");
        c.refused("DELETE c FROM customers c JOIN orders o ON o.customer_id = c.id WHERE o.id = 5", "multi-table DELETE",
                "customers", "orders");
        c.refused("UPDATE customers SET balance = (SELECT MAX(amount) FROM orders) WHERE id = 3",
                "with a subquery whose rows are not all on the shard", "customers");
        c.refused("INSERT INTO events (id, kind, score, happened_at) VALUES (60001, 'view', 1, '2025-01-01 00:00:00')",
                "without a value for the shard key created_at", "events");
    }
}
