package io.shardwire.it.differential;

import java.util.List;

/**
 * Reads that need rows from several shards merged: scatter filters, ORDER BY with LIMIT/OFFSET (every ORDER BY
 * that is compared in order ends with a unique column, so the order is total), aggregates with and without GROUP
 * BY and HAVING, DISTINCT and UNION. The sort keys are chosen to catch merges that compare the wrong way: strings
 * under utf8mb4_general_ci (case, accents, trailing spaces, emoji), negative and 19-digit BIGINTs, decimals,
 * NULLs, ENUMs (ordered by their position, not their text) and TEXT.
 */
final class MergedReads {
    private MergedReads() {
    }

    static void addTo(Corpus c) {
        scatterFilters(c);
        orderLimit(c);
        aggregates(c);
        groupBy(c);
        distinct(c);
        unions(c);
    }

    private static void scatterFilters(Corpus c) {
        c.category("scatter_filter");
        for (String table : ShopSchema.SHARDED) {
            c.read("SELECT * FROM " + table);
        }
        for (String where : List.of("balance > 9900", "balance < -400", "balance = 0", "balance = 100.00",
                "country IS NULL", "country = 'ZZ'", "country = 'ci'", "name LIKE 'jos%'", "name = 'ada'",
                "name = 'ADA LOVELACE'", "name = 'straße mueller'", "name LIKE '%😀%'", "tier = 'gold' AND age < 22",
                "id + 0 = 42", "id % 97 = 3", "email LIKE '%@example.com' AND age > 88", "note LIKE '%emoji%'",
                "note IS NULL AND age IS NULL", "created_at >= '2025-12-01'", "age BETWEEN 30 AND 31 AND country = 'JP'",
                "id < 0", "NOT (id > 0)", "tier IN ('platinum', 'bronze') AND balance < -490", "LENGTH(name) > 25")) {
            c.read("SELECT id, name, country, tier, balance, age FROM customers WHERE " + where);
        }
        for (String where : List.of("amount < -190", "amount = 250.00", "status = 'cancelled' AND quantity IS NULL",
                "discount IS NULL AND amount > 2100", "ship_country = 'DE' AND status IN ('paid', 'shipped') AND quantity > 9",
                "ordered_at BETWEEN '2023-05-01' AND '2023-05-03'")) {
            c.read("SELECT id, customer_id, status, amount, discount FROM orders WHERE " + where);
        }
        c.read("SELECT id, email, credits FROM accounts WHERE credits < -490");
        c.read("SELECT id, email FROM accounts WHERE display_name IS NULL AND credits > 1400");
        c.read("SELECT id, email FROM accounts WHERE email LIKE 'ALICE%'");
        c.read("SELECT order_id, line_no, sku FROM order_items WHERE sku = 'sku-007' AND qty = 5");
        c.read("SELECT id, kind, score FROM events WHERE score = -100");
    }

    private static void orderLimit(Corpus c) {
        c.category("order_limit");
        String[] customerOrders = {"name, id", "name DESC, id", "balance DESC, id", "balance, id DESC", "age, id",
                "age DESC, id DESC", "created_at, id", "country, id", "country DESC, balance, id", "email, id",
                "note, id", "id", "id DESC", "2, 1"};
        for (String orderBy : customerOrders) {
            int limit = c.between(1, 40);
            int offset = c.random.nextInt(3) == 0 ? 0 : c.between(1, 200);
            c.ordered("SELECT id, name, email, country, tier, balance, age, created_at FROM customers ORDER BY " + orderBy
                    + " LIMIT " + limit + (offset > 0 ? " OFFSET " + offset : ""));
        }
        c.ordered("SELECT id, name FROM customers ORDER BY name, id");
        // ORDER BY an ENUM across shards is refused (Refusals); its text order is fine
        c.ordered("SELECT id, tier FROM customers ORDER BY CAST(tier AS CHAR), id LIMIT 30 OFFSET 1250");
        c.ordered("SELECT id, status FROM orders WHERE status IN ('shipped', 'cancelled') ORDER BY CAST(status AS CHAR), id");
        c.ordered("SELECT id, note FROM customers WHERE note IS NOT NULL ORDER BY note DESC, id LIMIT 30");
        c.ordered("SELECT id, name FROM customers ORDER BY id LIMIT 5, 10");
        c.ordered("SELECT id, name FROM customers ORDER BY id LIMIT 0");
        c.ordered("SELECT id, name FROM customers ORDER BY id LIMIT 10 OFFSET 100000");
        c.ordered("SELECT id, name FROM customers ORDER BY id DESC LIMIT 12");
        c.ordered("SELECT id, balance * 2 AS twice FROM customers ORDER BY twice DESC, id LIMIT 9");
        c.ordered("SELECT id, CHAR_LENGTH(name) AS len FROM customers ORDER BY len DESC, id LIMIT 11");
        c.ordered("SELECT id FROM customers ORDER BY balance DESC, id LIMIT 8");
        c.ordered("SELECT id FROM customers ORDER BY balance * 2, id LIMIT 5");
        c.ordered("SELECT id, name FROM customers ORDER BY CHAR_LENGTH(name) DESC, id LIMIT 6");
        c.ordered("SELECT name, id FROM customers WHERE tier = 'silver' ORDER BY name DESC, id DESC LIMIT 25 OFFSET 40");
        c.ordered("SELECT c.id, c.name FROM customers AS c ORDER BY c.name, c.id LIMIT 15");
        c.ordered("SELECT * FROM customers ORDER BY id LIMIT 20");
        c.ordered("SELECT * FROM customers ORDER BY balance, id LIMIT 20 OFFSET 3");
        for (String orderBy : List.of("amount DESC, id", "ordered_at DESC, id DESC", "discount, id", "discount DESC, id",
                "quantity, amount, id", "customer_id, id", "customer_id DESC, id", "ship_country, id")) {
            c.ordered("SELECT id, customer_id, status, amount, discount, quantity, ordered_at FROM orders ORDER BY "
                    + orderBy + " LIMIT " + c.between(5, 60));
        }
        c.ordered("SELECT id, amount FROM orders WHERE status = 'paid' ORDER BY amount DESC, id LIMIT 10 OFFSET 5");
        c.ordered("SELECT order_id, line_no, price FROM order_items ORDER BY price DESC, order_id, line_no LIMIT 15");
        c.ordered("SELECT order_id, line_no, sku FROM order_items ORDER BY sku, order_id DESC, line_no LIMIT 30 OFFSET 500");
        for (String orderBy : List.of("created_at, id", "created_at DESC, id", "happened_at DESC, id", "score, id",
                "payload, id")) {
            c.ordered("SELECT id, created_at, kind, score, happened_at FROM events ORDER BY " + orderBy + " LIMIT "
                    + c.between(10, 50));
        }
        c.ordered("SELECT id, created_at FROM events WHERE created_at BETWEEN '2023-12-30' AND '2024-01-02' ORDER BY created_at, id");
        c.ordered("SELECT id, email FROM accounts ORDER BY email, id LIMIT 40");
        c.ordered("SELECT id, email FROM accounts ORDER BY email DESC, id LIMIT 40");
        c.ordered("SELECT id, email FROM accounts WHERE email LIKE '%example.com%' ORDER BY email, id LIMIT 25 OFFSET 10");
        c.ordered("SELECT id, display_name FROM accounts ORDER BY display_name, id LIMIT 30");
        c.ordered("SELECT id, credits FROM accounts ORDER BY credits DESC, id LIMIT 10");
    }

    private static void aggregates(Corpus c) {
        c.category("aggregate");
        for (String table : ShopSchema.SHARDED) {
            c.read("SELECT COUNT(*) FROM " + table);
        }
        for (String select : List.of("COUNT(*), COUNT(age), COUNT(email), COUNT(note), COUNT(1)",
                "SUM(balance), MIN(balance), MAX(balance), AVG(balance)", "SUM(age), MIN(age), MAX(age), AVG(age)",
                "MIN(name), MAX(name)", "MIN(email), MAX(email)", "MIN(created_at), MAX(created_at)", "MIN(id), MAX(id)",
                "SUM(id)", "AVG(id)", "MIN(country), MAX(country)", "MIN(tier), MAX(tier)", "MAX(note), MIN(note)",
                "COUNT(*) AS n, SUM(balance) AS total", "SUM(balance * 2), AVG(balance + 1), SUM(-balance)",
                "AVG(balance), AVG(age), COUNT(*)")) {
            c.read("SELECT " + select + " FROM customers");
        }
        for (String where : List.of("balance < 0", "tier = 'platinum'", "age IS NULL", "country = 'JP'",
                "id = -999", "balance > 100000", "id IN (1, 2, 3)", "id = 42")) {
            c.read("SELECT COUNT(*), SUM(balance), AVG(balance), MIN(age), MAX(age), AVG(age) FROM customers WHERE " + where);
        }
        c.read("SELECT COUNT(*), SUM(amount), AVG(amount), MIN(amount), MAX(amount), SUM(discount), AVG(discount),"
                + " AVG(quantity), SUM(quantity) FROM orders");
        c.read("SELECT SUM(amount - COALESCE(discount, 0)) FROM orders WHERE status <> 'cancelled'");
        c.read("SELECT SUM(price * qty), AVG(price), MAX(price), MIN(sku), MAX(sku) FROM order_items");
        c.read("SELECT COUNT(*), AVG(score), SUM(score), MIN(score), MAX(score), MIN(created_at), MAX(created_at) FROM events");
        c.read("SELECT COUNT(*), AVG(credits), MIN(email), MAX(created_on) FROM accounts");
        c.read("SELECT COUNT(*), AVG(score) FROM events WHERE created_at >= '2024-01-01'");
        c.read("SELECT MAX(balance) AS top FROM customers WHERE age > 80");
    }

    private static void groupBy(Corpus c) {
        c.category("group_by");
        c.read("SELECT country, COUNT(*) FROM customers GROUP BY country");
        c.read("SELECT tier, COUNT(*), SUM(balance), AVG(balance), MIN(age), MAX(age) FROM customers GROUP BY tier");
        c.ordered("SELECT country, COUNT(*) AS n FROM customers GROUP BY country ORDER BY country");
        c.read("SELECT country, tier, COUNT(*), AVG(age) FROM customers GROUP BY country, tier");
        c.ordered("SELECT country, CAST(tier AS CHAR) AS t, COUNT(*) AS n FROM customers GROUP BY country, t"
                + " ORDER BY n DESC, country, t LIMIT 10");
        c.read("SELECT country, COUNT(*) AS n FROM customers GROUP BY country HAVING n > 100");
        c.read("SELECT country, COUNT(*) AS n, SUM(balance) AS total FROM customers GROUP BY country HAVING total < 2000000");
        c.read("SELECT country, COUNT(*) AS n FROM customers GROUP BY country HAVING n > 50 AND n < 1000");
        c.read("SELECT age, COUNT(*) AS n FROM customers GROUP BY age HAVING n >= 80 OR n < 50");
        c.read("SELECT country, COUNT(*) FROM customers GROUP BY country HAVING SUM(balance) > 0");
        c.read("SELECT country, COUNT(*) FROM customers GROUP BY country HAVING COUNT(*) > 100");
        c.read("SELECT status, SUM(amount) AS total FROM orders GROUP BY status HAVING MAX(amount) > 2190 AND total > 0");
        c.ordered("SELECT country, COUNT(*) AS n FROM customers GROUP BY country ORDER BY n DESC, country LIMIT 5");
        c.ordered("SELECT age, AVG(balance) AS avg_balance FROM customers GROUP BY age ORDER BY avg_balance DESC, age LIMIT 7");
        c.read("SELECT status, COUNT(*), SUM(amount), AVG(amount), MIN(ordered_at), MAX(ordered_at) FROM orders GROUP BY status");
        c.read("SELECT ship_country, status, COUNT(*), SUM(discount) FROM orders GROUP BY ship_country, status");
        c.ordered("SELECT customer_id, COUNT(*) AS n, SUM(amount) AS total FROM orders GROUP BY customer_id"
                + " ORDER BY n DESC, customer_id LIMIT 10");
        c.ordered("SELECT customer_id, SUM(amount) AS total FROM orders GROUP BY customer_id ORDER BY total DESC, customer_id LIMIT 10");
        c.read("SELECT customer_id, COUNT(*) AS n FROM orders GROUP BY customer_id HAVING n > 40");
        c.ordered("SELECT sku, SUM(qty) AS units, COUNT(*) AS lines FROM order_items GROUP BY sku ORDER BY units DESC, sku LIMIT 10");
        c.ordered("SELECT sku, AVG(price) AS p FROM order_items GROUP BY sku ORDER BY sku LIMIT 20 OFFSET 30");
        c.read("SELECT kind, COUNT(*), MIN(created_at), MAX(created_at), AVG(score) FROM events GROUP BY kind");
        c.ordered("SELECT created_at, COUNT(*) AS n FROM events GROUP BY created_at ORDER BY n DESC, created_at LIMIT 8");
        c.ordered("SELECT created_at, COUNT(*) FROM events WHERE created_at BETWEEN '2023-12-25' AND '2024-01-05'"
                + " GROUP BY created_at ORDER BY created_at");
        c.read("SELECT YEAR(created_at) AS y, COUNT(*) FROM customers GROUP BY y");
        c.read("SELECT YEAR(created_at), COUNT(*) FROM customers GROUP BY YEAR(created_at)");
        c.ordered("SELECT DATE_FORMAT(created_at, '%Y-%m') AS m, COUNT(*) AS n FROM customers GROUP BY m ORDER BY m LIMIT 12");
        c.read("SELECT CASE WHEN balance < 0 THEN 'debt' WHEN balance < 1000 THEN 'low' ELSE 'high' END AS bucket,"
                + " COUNT(*) FROM customers GROUP BY bucket");
        c.read("SELECT credits > 0 AS positive, COUNT(*) FROM accounts GROUP BY positive");
        c.read("SELECT country, MAX(balance), MIN(created_at) FROM customers WHERE tier = 'gold' GROUP BY country");
        c.read("SELECT customer_id, COUNT(*), SUM(amount) FROM orders WHERE customer_id = " + c.busyCustomer()
                + " GROUP BY customer_id");
        c.read("SELECT country, COUNT(*) FROM customers WHERE id IN (" + c.customers(30) + ") GROUP BY country");
    }

    private static void distinct(Corpus c) {
        c.category("distinct");
        c.read("SELECT DISTINCT country FROM customers");
        c.read("SELECT DISTINCT tier FROM customers");
        c.read("SELECT DISTINCT country, tier FROM customers");
        c.read("SELECT DISTINCT status FROM orders WHERE amount > 2000");
        c.read("SELECT DISTINCT age FROM customers WHERE age > 80");
        c.read("SELECT DISTINCT kind FROM events WHERE created_at > '2024-06-01'");
        c.read("SELECT DISTINCT ship_country FROM orders");
        c.read("SELECT DISTINCT customer_id FROM orders WHERE amount < -180");
        c.ordered("SELECT DISTINCT sku FROM order_items ORDER BY sku LIMIT 20");
        c.ordered("SELECT DISTINCT sku FROM order_items ORDER BY sku DESC LIMIT 15 OFFSET 10");
        c.ordered("SELECT DISTINCT age FROM customers ORDER BY age LIMIT 10");
        c.ordered("SELECT DISTINCT country FROM customers ORDER BY country");
        c.ordered("SELECT DISTINCT customer_id FROM orders ORDER BY customer_id LIMIT 30");
        c.read("SELECT DISTINCT created_at FROM events WHERE created_at BETWEEN '2024-12-20' AND '2025-01-10'");
        c.read("SELECT DISTINCT quantity, status FROM orders");
    }

    private static void unions(Corpus c) {
        c.category("union");
        c.read("SELECT id, name FROM customers WHERE id = " + c.customer() + " UNION ALL SELECT id, name FROM customers WHERE id = "
                + c.customer());
        c.read("SELECT id, name FROM customers WHERE balance > 9950 UNION ALL SELECT id, name FROM customers WHERE balance < -495");
        c.read("SELECT country FROM customers WHERE balance > 9000 UNION SELECT ship_country FROM orders WHERE amount > 2150");
        c.read("SELECT customer_id FROM orders WHERE amount < -195 UNION ALL SELECT customer_id FROM order_items WHERE price > 199.5");
        c.read("SELECT customer_id FROM orders WHERE amount < -195 UNION SELECT customer_id FROM order_items WHERE price > 199.5");
        c.ordered("SELECT id, balance FROM customers WHERE tier = 'gold' UNION ALL SELECT id, amount FROM orders"
                + " WHERE status = 'new' ORDER BY 2 DESC, 1 LIMIT 12");
        c.ordered("SELECT id FROM customers WHERE age = 30 UNION SELECT customer_id FROM orders WHERE quantity = 10 ORDER BY id LIMIT 20");
        c.read("SELECT id, created_at FROM events WHERE created_at = '2024-01-01' UNION ALL SELECT id, created_at FROM events"
                + " WHERE created_at = '2025-01-01'");
        c.read("SELECT email FROM accounts WHERE credits < -495 UNION SELECT email FROM accounts WHERE credits > 1495");
        c.read("SELECT age FROM customers WHERE age IS NULL AND balance > 9000 UNION ALL SELECT quantity FROM orders"
                + " WHERE quantity IS NULL AND amount > 2100");
        c.read("SELECT tier FROM customers UNION SELECT status FROM orders");
        c.read("SELECT code FROM countries WHERE region = 'Asia' UNION SELECT code FROM countries WHERE population IS NULL");
    }
}
