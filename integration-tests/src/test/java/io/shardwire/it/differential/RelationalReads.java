package io.shardwire.it.differential;

import java.util.List;

/**
 * Joins of co-located tables on their keys and with the broadcast table, subqueries correlated on the key,
 * functions in select lists, filters and groups, and NULL semantics (three-valued logic, NULL-safe equality,
 * NULL keys, aggregates over nothing).
 */
final class RelationalReads {
    private RelationalReads() {
    }

    static void addTo(Corpus c) {
        joins(c);
        subqueries(c);
        functions(c);
        nulls(c);
    }

    private static void joins(Corpus c) {
        c.category("join");
        for (int i = 0; i < 5; i++) {
            c.ordered("SELECT c.id, c.name, o.id AS order_id, o.amount FROM customers c JOIN orders o ON o.customer_id = c.id"
                    + " WHERE c.id = " + c.busyCustomer() + " ORDER BY o.id");
        }
        c.read("SELECT c.id, o.id, o.amount FROM customers c JOIN orders o ON o.customer_id = c.id WHERE o.amount > 2190");
        c.read("SELECT c.id, c.name, o.id FROM customers c, orders o WHERE o.customer_id = c.id AND c.balance < -498");
        c.read("SELECT c.id, o.id FROM customers c INNER JOIN orders o ON c.id = o.customer_id WHERE c.id IN (" + c.customers(6) + ")");
        c.read("SELECT c.id, o.id, o.status FROM customers c LEFT JOIN orders o ON o.customer_id = c.id WHERE c.id IN ("
                + c.customers(10) + ")");
        c.read("SELECT c.id, COUNT(o.id) AS n FROM customers c LEFT JOIN orders o ON o.customer_id = c.id WHERE c.id > 4980"
                + " GROUP BY c.id");
        c.read("SELECT c.id FROM customers c LEFT JOIN orders o ON o.customer_id = c.id WHERE o.id IS NULL AND c.age = 44");
        c.ordered("SELECT c.id, c.name, o.id AS order_id FROM customers c JOIN orders o ON o.customer_id = c.id"
                + " ORDER BY o.amount DESC, o.id LIMIT 10");
        long order = c.order();
        c.read("SELECT o.id, i.line_no, i.sku, i.price FROM orders o JOIN order_items i ON i.customer_id = o.customer_id"
                + " AND i.order_id = o.id WHERE o.customer_id = " + c.data.orderCustomer.get(order));
        c.read("SELECT c.name, o.id, i.sku FROM customers c JOIN orders o ON o.customer_id = c.id JOIN order_items i"
                + " ON i.customer_id = o.customer_id AND i.order_id = o.id WHERE c.id = " + c.busyCustomer());
        c.read("SELECT o.status, COUNT(*), SUM(i.qty) FROM orders o JOIN order_items i ON i.customer_id = o.customer_id"
                + " AND i.order_id = o.id GROUP BY o.status");
        c.ordered("SELECT o.customer_id, SUM(i.price * i.qty) AS total FROM orders o JOIN order_items i"
                + " ON i.customer_id = o.customer_id AND i.order_id = o.id GROUP BY o.customer_id ORDER BY total DESC, o.customer_id LIMIT 10");
        c.read("SELECT o.id, i.sku FROM orders o JOIN order_items i USING (customer_id) WHERE o.customer_id = " + c.customer()
                + " AND i.order_id = o.id");
        c.read("SELECT c.id, co.name, co.region FROM customers c JOIN countries co ON co.code = c.country WHERE c.id = " + c.customer());
        c.read("SELECT c.id, co.name FROM customers c JOIN countries co ON co.code = c.country WHERE c.balance > 9900");
        c.read("SELECT c.id, c.country, co.name FROM customers c LEFT JOIN countries co ON co.code = c.country"
                + " WHERE c.country IS NULL OR c.country = 'ZZ'");
        c.read("SELECT co.region, COUNT(*) AS n, SUM(c.balance) FROM customers c JOIN countries co ON co.code = c.country"
                + " GROUP BY co.region");
        c.ordered("SELECT co.name, COUNT(*) AS n FROM orders o JOIN countries co ON co.code = o.ship_country"
                + " GROUP BY co.name ORDER BY n DESC, co.name LIMIT 5");
        c.read("SELECT o.id, co.name FROM countries co JOIN orders o ON o.ship_country = co.code WHERE o.customer_id = "
                + c.busyCustomer());
        c.read("SELECT c.id, o.id, co.name FROM customers c JOIN orders o ON o.customer_id = c.id"
                + " JOIN countries co ON co.code = o.ship_country WHERE c.id IN (" + c.customers(5) + ")");
        c.read("SELECT e.id, co.name FROM events e JOIN countries co ON co.code = 'JP' WHERE e.created_at = '2024-01-01'");
        c.read("SELECT a.email, a.credits FROM accounts a JOIN accounts b ON b.email = a.email WHERE a.email = 'alice@example.com'");
        long busy = c.busyCustomer();
        // the ON of an outer join filters the joined rows, not the kept side: it must not prune shards
        c.read("SELECT COUNT(*), COUNT(o.id) FROM customers c LEFT JOIN orders o ON o.customer_id = c.id AND o.customer_id = "
                + busy);
        c.read("SELECT c.id, o.id FROM customers c LEFT JOIN orders o ON o.customer_id = c.id AND c.id = " + busy
                + " WHERE c.balance > 9900");
        c.read("SELECT c.id, o.id FROM orders o RIGHT JOIN customers c ON c.id = o.customer_id AND o.customer_id IN (" + busy
                + ", 1) WHERE c.age = 77");
        c.read("SELECT c.id, o.id FROM customers c LEFT JOIN orders o ON o.customer_id = c.id WHERE c.id = " + busy);
    }

    /**
     * Session state that a proxy must carry to every shard it uses: user variables read by a scatter query,
     * and variables that change how results are computed, which the proxy must follow where it computes them.
     */
    static void session(Corpus c) {
        c.category("session");
        long busy = c.busyCustomer();
        c.steps(List.of(), Corpus.same("SET @cid = " + busy),
                Corpus.inOrder("SELECT id, amount FROM orders WHERE customer_id = @cid ORDER BY id"),
                Corpus.same("SELECT COUNT(*) FROM customers WHERE balance > @cid"),
                Corpus.same("SELECT @cid, COUNT(*) FROM orders WHERE customer_id = @cid"));
        c.steps(List.of(), Corpus.same("SET @low = -100, @high = 100"),
                Corpus.same("SELECT COUNT(*), SUM(amount) FROM orders WHERE amount BETWEEN @low AND @high"));
        c.steps(List.of(), Corpus.same("SET SESSION div_precision_increment = 8"),
                Corpus.same("SELECT AVG(balance), AVG(age), AVG(id) FROM customers"),
                Corpus.same("SELECT tier, AVG(balance) FROM customers WHERE id = " + c.customer() + " GROUP BY tier"),
                Corpus.same("SELECT AVG(amount), SUM(amount) / 7 FROM orders WHERE customer_id = " + busy),
                Corpus.same("SET SESSION div_precision_increment = DEFAULT"));
        c.steps(List.of(), Corpus.same("SET SESSION time_zone = '+05:30'"),
                Corpus.same("SELECT id, UNIX_TIMESTAMP(created_at) FROM customers WHERE balance < -495"),
                Corpus.same("SELECT MAX(UNIX_TIMESTAMP(ordered_at)) FROM orders"),
                Corpus.same("SET SESSION time_zone = DEFAULT"));
        c.steps(List.of(), Corpus.same("SET SESSION sql_mode = CONCAT(@@sql_mode, ',PIPES_AS_CONCAT')"),
                Corpus.same("SELECT id, name || '!' FROM customers WHERE balance > 9950"),
                Corpus.same("SET SESSION sql_mode = DEFAULT"));
        c.steps(List.of(), Corpus.same("SET SESSION collation_connection = utf8mb4_bin"),
                Corpus.same("SELECT id, name, name = 'ada' FROM customers WHERE name LIKE 'ada%' AND balance > 5000"),
                Corpus.same("SELECT COUNT(*) FROM customers WHERE CONCAT(name, '') = 'ada'"),
                Corpus.same("SET SESSION collation_connection = utf8mb4_general_ci"));
    }

    private static void subqueries(Corpus c) {
        c.category("subquery");
        c.read("SELECT c.id, (SELECT COUNT(*) FROM orders o WHERE o.customer_id = c.id) AS n FROM customers c WHERE c.id IN ("
                + c.customers(8) + ")");
        c.read("SELECT c.id, (SELECT SUM(o.amount) FROM orders o WHERE o.customer_id = c.id) AS total FROM customers c"
                + " WHERE c.balance > 9900");
        c.read("SELECT c.id FROM customers c WHERE EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id AND o.amount > 2190)");
        c.read("SELECT COUNT(*) FROM customers c WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.customer_id = c.id)");
        c.read("SELECT c.id FROM customers c WHERE c.id IN (SELECT o.customer_id FROM orders o WHERE o.customer_id = c.id"
                + " AND o.status = 'cancelled' AND o.amount < -150)");
        c.read("SELECT c.id, c.country FROM customers c WHERE c.country IN (SELECT code FROM countries WHERE region = 'Africa')"
                + " AND c.balance > 9000");
        c.read("SELECT id, (SELECT name FROM countries co WHERE co.code = c.country) AS country_name FROM customers c WHERE id = "
                + c.customer());
        c.read("SELECT id, (SELECT name FROM countries co WHERE co.code = c.country) AS country_name FROM customers c"
                + " WHERE balance < -495");
        long busy = c.busyCustomer();
        c.read("SELECT id, amount FROM orders WHERE customer_id = " + busy
                + " AND amount > (SELECT AVG(amount) FROM orders WHERE customer_id = " + busy + ")");
        c.read("SELECT o.id FROM orders o WHERE o.amount = (SELECT MAX(o2.amount) FROM orders o2 WHERE o2.customer_id = o.customer_id)"
                + " AND o.customer_id IN (" + c.customers(20) + ")");
        c.read("SELECT o.customer_id, o.id FROM orders o WHERE o.amount > 2100 AND EXISTS (SELECT 1 FROM order_items i"
                + " WHERE i.customer_id = o.customer_id AND i.order_id = o.id AND i.qty = 5)");
        c.read("SELECT * FROM (SELECT code, name FROM countries WHERE region = 'Europe') t");
        c.read("SELECT c.id FROM customers c WHERE c.country = (SELECT code FROM countries WHERE name = 'France') AND c.age = 33");
    }

    private static void functions(Corpus c) {
        c.category("function");
        String some = c.customers(12);
        c.read("SELECT id, CONCAT(name, ' <', COALESCE(email, 'none'), '>') AS contact FROM customers WHERE id IN (" + some + ")");
        c.read("SELECT id, UPPER(name), LOWER(email), CHAR_LENGTH(name), LENGTH(name), HEX(name) FROM customers WHERE id IN ("
                + some + ")");
        c.read("SELECT id, DATE_FORMAT(created_at, '%Y-%m-%d %H:%i'), DAYNAME(created_at), DATE(created_at), YEAR(created_at)"
                + " FROM customers WHERE id IN (" + some + ")");
        c.read("SELECT id, CASE tier WHEN 'gold' THEN 1 WHEN 'platinum' THEN 2 ELSE 0 END AS rank_, IF(age > 60, 'senior', 'adult')"
                + " FROM customers WHERE id IN (" + some + ")");
        c.read("SELECT id, ROUND(balance * 1.19, 2), TRUNCATE(balance / 3, 4), ABS(balance), MOD(id, 7), balance DIV 3"
                + " FROM customers WHERE balance < -480");
        c.read("SELECT id, IFNULL(age, -1), NULLIF(age, 30), GREATEST(age, 40), LEAST(COALESCE(age, 0), 25) FROM customers"
                + " WHERE id IN (" + some + ")");
        c.read("SELECT id, SUBSTRING(name, 2, 3), TRIM(name), REPLACE(name, 'a', '4'), LPAD(id, 8, '0'), REVERSE(name)"
                + " FROM customers WHERE id IN (" + some + ")");
        c.read("SELECT id, CAST(balance AS SIGNED), CAST(id AS CHAR), CONVERT(name USING utf8mb4), balance + 0.001"
                + " FROM customers WHERE id IN (" + some + ")");
        c.read("SELECT id, DATEDIFF(ordered_at, '2024-01-01'), ordered_at + INTERVAL 1 DAY, TIMESTAMPDIFF(HOUR, ordered_at,"
                + " '2026-01-01 00:00:00') FROM orders WHERE customer_id = " + c.busyCustomer());
        c.read("SELECT id, CONCAT_WS('|', kind, score, created_at) FROM events WHERE created_at = '2024-12-31'");
        c.read("SELECT id, name FROM customers WHERE YEAR(created_at) = 2023 AND MONTH(created_at) = 2 AND age > 70");
        c.read("SELECT id FROM events WHERE DATE(happened_at) = '2024-01-01' AND HOUR(happened_at) < 3");
        c.read("SELECT id, email FROM accounts WHERE LOWER(email) = 'alice@example.com'");
        c.read("SELECT id FROM customers WHERE CONCAT(name, '') = 'Ada Lovelace'");
        c.ordered("SELECT id, UPPER(name) AS shout FROM customers ORDER BY shout, id LIMIT 10");
        c.ordered("SELECT id, COALESCE(age, 0) AS a FROM customers ORDER BY a DESC, id LIMIT 10");
        c.read("SELECT COUNT(*), SUM(CASE WHEN status = 'paid' THEN amount ELSE 0 END), SUM(IF(discount IS NULL, 1, 0)) FROM orders");
        c.read("SELECT 1 + 1, 'literal', NULL, CONCAT('a', 'b') FROM customers WHERE id = " + c.customer());
        c.read("SELECT id, 'x' AS marker, 3.14 AS pi FROM customers WHERE balance > 9950");
    }

    private static void nulls(Corpus c) {
        c.category("null");
        c.read("SELECT id, email FROM customers WHERE email IS NULL AND tier = 'gold' AND age > 70");
        c.read("SELECT COUNT(*) FROM customers WHERE age IS NOT NULL");
        c.read("SELECT id FROM customers WHERE age <=> NULL AND balance > 9000");
        c.read("SELECT id FROM customers WHERE id = NULL");
        c.read("SELECT id FROM customers WHERE id <=> NULL");
        c.read("SELECT id FROM customers WHERE id <=> " + c.customer());
        c.read("SELECT id FROM customers WHERE NOT (age > 30) AND balance > 9500");
        c.read("SELECT id FROM customers WHERE age NOT IN (20, 30, NULL)");
        c.read("SELECT id FROM customers WHERE age IN (20, NULL) AND balance > 9000");
        c.read("SELECT COUNT(*), COUNT(age), COUNT(email), SUM(age), AVG(age) FROM customers WHERE age IS NULL");
        c.read("SELECT MIN(age), MAX(age), SUM(age), AVG(age), COUNT(age) FROM customers WHERE id = -999");
        c.read("SELECT country, COUNT(*), COUNT(email) FROM customers WHERE country IS NULL GROUP BY country");
        c.read("SELECT ship_country, SUM(discount) FROM orders WHERE discount IS NULL GROUP BY ship_country");
        c.ordered("SELECT id, discount FROM orders ORDER BY discount DESC, id LIMIT 20 OFFSET 6600");
        c.ordered("SELECT id, age FROM customers ORDER BY age, id LIMIT 20 OFFSET 400");
        c.read("SELECT code, COALESCE(region, 'unknown'), population IS NULL FROM countries");
        c.read("SELECT NULL AS nothing FROM customers WHERE id = " + c.customer());
        c.read("SELECT id, NULL AS nothing FROM customers WHERE balance > 9950");
        c.read("SELECT id, age = NULL, age <=> NULL, age IS NULL FROM customers WHERE balance < -495");
        c.read("SELECT id FROM events WHERE customer_id IS NULL AND score IS NULL");
        c.read("SELECT kind, COUNT(customer_id), COUNT(score) FROM events GROUP BY kind");
        c.read("SELECT id, email FROM accounts WHERE email IS NULL");
        c.read("SELECT id FROM accounts WHERE email = NULL OR email IN (NULL)");
        for (String where : List.of("email = ''", "note = ''", "name = ' '", "email LIKE ''")) {
            c.read("SELECT id FROM customers WHERE " + where);
        }
    }
}
