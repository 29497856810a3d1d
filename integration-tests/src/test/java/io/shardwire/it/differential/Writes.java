package io.shardwire.it.differential;

import static io.shardwire.it.differential.Corpus.inOrder;
import static io.shardwire.it.differential.Corpus.same;

import java.util.List;

/**
 * Writes, each followed by reads and a comparison of the whole tables it touched: by key (one shard), by IN
 * list and range (some shards), by other columns (every shard, counts summed), upserts whose rows span shards,
 * broadcast and unsharded writes; then transactions that roll back (the reads inside must see the writes, the
 * reads after must not) or commit, across several shards.
 */
final class Writes {
    private static final List<String> CUSTOMERS = List.of("customers");
    private static final List<String> ORDERS = List.of("orders", "order_items");
    private static final String CUSTOMER_COLUMNS = "(id, name, email, country, tier, balance, age, created_at, note)";

    private Writes() {
    }

    static void addTo(Corpus c) {
        byKey(c);
        acrossShards(c);
        upserts(c);
        otherTables(c);
        transactions(c);
    }

    private static void byKey(Corpus c) {
        c.category("write_by_key");
        for (int i = 0; i < 6; i++) {
            long id = c.customer();
            c.steps(CUSTOMERS, same("UPDATE customers SET balance = balance + 10.5, note = CONCAT(COALESCE(note, ''), ' +')"
                    + " WHERE id = " + id), same("SELECT id, balance, note FROM customers WHERE id = " + id));
        }
        long id = c.customer();
        c.steps(CUSTOMERS, same("UPDATE customers SET age = NULL WHERE id = '" + id + "'"),
                same("SELECT id, age FROM customers WHERE id = " + id));
        c.steps(CUSTOMERS, same("UPDATE customers SET tier = 'platinum' WHERE id = " + c.customer() + " AND tier = 'platinum'"));
        c.steps(CUSTOMERS, same("UPDATE customers SET name = 'nobody' WHERE id = 987654321"));
        for (int i = 0; i < 4; i++) {
            long customer = c.busyCustomer();
            c.steps(ORDERS, same("DELETE FROM orders WHERE customer_id = " + customer + " AND status = 'cancelled'"),
                    same("DELETE FROM order_items WHERE customer_id = " + customer + " AND qty = 1"),
                    inOrder("SELECT id, status FROM orders WHERE customer_id = " + customer + " ORDER BY id"));
        }
        long owner = c.busyCustomer();
        c.steps(ORDERS, same("DELETE FROM order_items WHERE customer_id = " + owner + " AND order_id IN (SELECT id FROM orders"
                + " WHERE customer_id = " + owner + " AND status = 'new')"),
                same("UPDATE orders SET quantity = (SELECT COUNT(*) FROM order_items i WHERE i.customer_id = " + owner
                        + " AND i.order_id = orders.id) WHERE customer_id = " + owner),
                inOrder("SELECT id, status, quantity FROM orders WHERE customer_id = " + owner + " ORDER BY id"));
        c.steps(List.of("customers"), same("UPDATE customers SET country = (SELECT code FROM countries WHERE name = 'Portugal')"
                + " WHERE age = 18 AND tier = 'bronze'"));
        long customer = c.busyCustomer();
        c.steps(ORDERS, same("UPDATE orders SET status = 'shipped', discount = NULL WHERE customer_id = " + customer
                + " AND status = 'paid'"), same("SELECT status, COUNT(*) FROM orders WHERE customer_id = " + customer
                + " GROUP BY status"));
        c.steps(List.of("accounts"), same("UPDATE accounts SET credits = COALESCE(credits, 0) + 1 WHERE email = 'ALICE@EXAMPLE.COM'"),
                same("SELECT id, email, credits FROM accounts WHERE email = 'alice@example.com'"));
        c.steps(List.of("accounts"), same("DELETE FROM accounts WHERE email = 'jose@example.com'"),
                same("SELECT id, email FROM accounts WHERE email LIKE 'jos%'"));
        c.steps(List.of("accounts"), same("INSERT INTO accounts (id, email, display_name, customer_id, credits, created_on) VALUES"
                + " (90001, 'New@Example.com', 'N', NULL, 5, '2025-06-01'), (90002, 'new@example.com ', NULL, 7, NULL,"
                + " '2025-06-02'), (90003, 'other@example.com', 'O', 1, -5, '2025-06-03')"),
                same("SELECT id, email, credits FROM accounts WHERE email = 'NEW@example.COM'"));
        c.steps(List.of("events"), same("DELETE FROM events WHERE created_at = '2024-01-01' AND kind = 'view'"),
                same("SELECT COUNT(*) FROM events WHERE created_at = '2024-01-01'"));
        c.steps(CUSTOMERS, same("INSERT INTO customers SET id = 70001, name = 'Set Form', email = NULL, country = 'FR',"
                + " tier = 'gold', balance = 1.5, age = NULL, created_at = '2025-01-01 00:00:00', note = 'inserted by SET'"),
                same("SELECT * FROM customers WHERE id = 70001"));
    }

    private static void acrossShards(Corpus c) {
        c.category("write_scatter");
        c.steps(CUSTOMERS, same("UPDATE customers SET tier = 'gold' WHERE age > 88"),
                same("SELECT tier, COUNT(*) FROM customers GROUP BY tier"));
        c.steps(CUSTOMERS, same("UPDATE customers SET balance = balance - 1 WHERE id IN (" + c.customers(9) + ")"));
        c.steps(CUSTOMERS, same("UPDATE customers SET note = NULL WHERE id IN (" + c.customers(5) + ") OR balance = 0"));
        c.steps(CUSTOMERS, same("UPDATE customers SET age = age + 1 WHERE country = 'JP' AND age IS NOT NULL"),
                same("SELECT AVG(age), SUM(age), COUNT(age) FROM customers"));
        c.steps(ORDERS, same("DELETE FROM order_items WHERE price < 1.00"), same("SELECT COUNT(*), SUM(price) FROM order_items"));
        c.steps(ORDERS, same("UPDATE orders SET status = 'shipped' WHERE status = 'paid' AND ordered_at < '2022-03-01'"),
                same("SELECT status, COUNT(*) FROM orders GROUP BY status"));
        c.steps(ORDERS, same("DELETE FROM orders WHERE amount < -199"), same("SELECT COUNT(*) FROM orders"));
        c.steps(CUSTOMERS, same("UPDATE customers SET balance = 0 WHERE id = " + c.customer() + " OR id = " + c.customer()));
        c.steps(CUSTOMERS, same("DELETE FROM customers WHERE id > 9000000000000000000"),
                same("SELECT MAX(id), COUNT(*) FROM customers"));
        c.steps(List.of("events"), same("UPDATE events SET score = -score WHERE created_at BETWEEN '2024-12-01' AND '2025-01-31'"),
                same("SELECT SUM(score), COUNT(score) FROM events WHERE created_at BETWEEN '2024-11-01' AND '2025-02-28'"));
        c.steps(List.of("events"), same("DELETE FROM events WHERE created_at < '2023-01-15' OR created_at > '2025-12-20'"),
                same("SELECT COUNT(*), MIN(created_at), MAX(created_at) FROM events"));
        c.steps(List.of("events"), same("INSERT INTO events (id, created_at, kind, customer_id, score, happened_at, payload) VALUES"
                + " (20001, '2023-12-31', 'view', 1, 1, '2023-12-31 23:59:59', 'edge'), (20002, '2024-01-01', 'click', NULL,"
                + " -1, '2024-01-01 00:00:00', NULL), (20003, '2025-01-01', 'signup', 2, NULL, '2025-01-01 00:00:01', 'ünï'),"
                + " (20004, '2024-12-31', 'purchase', 3, 0, '2024-12-31 12:00:00', '')"),
                same("SELECT id, created_at, kind FROM events WHERE id > 20000"));
        c.steps(List.of("accounts"), same("UPDATE accounts SET display_name = UPPER(display_name) WHERE credits < -400"));
    }

    private static void upserts(Corpus c) {
        c.category("upsert");
        long a = c.customer();
        long b = c.customer();
        c.steps(CUSTOMERS, same("INSERT INTO customers " + CUSTOMER_COLUMNS + " VALUES (" + a + ", 'Upsert A', NULL, 'DE',"
                + " 'silver', 5.00, 30, '2025-02-02 02:02:02', NULL), (80001, 'Upsert New', 'new@x.test', NULL, 'bronze', 0,"
                + " NULL, '2025-02-02 02:02:02', 'new'), (" + b + ", 'Upsert B', NULL, 'FR', 'gold', 6.00, 31,"
                + " '2025-02-02 02:02:02', NULL), (80002, 'Upsert New 2', NULL, 'US', 'gold', -1, 18, '2025-02-03 00:00:00', NULL)"
                + " ON DUPLICATE KEY UPDATE balance = balance + VALUES(balance), note = 'upserted'"),
                same("SELECT id, name, balance, note FROM customers WHERE id IN (" + a + ", " + b + ", 80001, 80002)"));
        c.steps(CUSTOMERS, same("INSERT IGNORE INTO customers (id, name, tier, balance, created_at) VALUES (" + c.customer()
                + ", 'ignored', 'gold', 0, '2025-01-01 00:00:00'), (80003, 'Kept', 'gold', 0, '2025-01-01 00:00:00'),"
                + " (80004, 'Kept too', 'silver', 1, '2025-01-01 00:00:00')"),
                same("SELECT id, name FROM customers WHERE id >= 80003 AND id < 80010"));
        c.steps(CUSTOMERS, same("REPLACE INTO customers (id, name, tier, balance, created_at) VALUES (" + c.customer()
                + ", 'Replaced', 'bronze', 1, '2025-03-03 00:00:00'), (80005, 'Replacing new', 'bronze', 2, '2025-03-03 00:00:00')"));
        long owner = c.customer();
        c.steps(ORDERS, same("INSERT INTO orders (id, customer_id, status, amount, discount, quantity, ordered_at, ship_country)"
                + " VALUES (30001, " + owner + ", 'new', 10, NULL, 1, '2025-05-05 05:05:05', 'DE'), (30002, " + c.customer()
                + ", 'new', 20, 1.5, NULL, '2025-05-05 05:05:05', NULL), (30003, -1, 'paid', -3.25, NULL, 2,"
                + " '2025-05-05 05:05:05', 'JP')"),
                same("INSERT INTO orders (id, customer_id, status, amount, ordered_at) VALUES (30001, " + owner + ", 'new', 1,"
                        + " '2025-01-01 00:00:00')"),
                same("SELECT id, customer_id, amount FROM orders WHERE id > 30000"));
        c.steps(List.of("accounts"), same("INSERT INTO accounts (id, email, credits, created_on) VALUES (1, 'alice@example.com', 0,"
                + " '2025-01-01') ON DUPLICATE KEY UPDATE credits = credits + 100"),
                same("SELECT id, credits FROM accounts WHERE email = 'alice@example.com'"));
    }

    private static void otherTables(Corpus c) {
        c.category("write_broadcast_unsharded");
        c.steps(List.of("countries"), same("UPDATE countries SET population = population + 1 WHERE region = 'Europe'"),
                same("SELECT SUM(population) FROM countries"));
        c.steps(List.of("countries"), same("INSERT INTO countries (code, name, region, population) VALUES ('IS', 'Ísland',"
                + " 'Europe', 380000), ('NZ', 'Aotearoa', 'Oceania', NULL)"),
                same("SELECT c.region, COUNT(*) FROM customers cu JOIN countries c ON c.code = cu.country GROUP BY c.region"));
        c.steps(List.of("countries"), same("REPLACE INTO countries (code, name, region, population) VALUES ('IS', 'Iceland',"
                + " 'Europe', 390000)"));
        c.steps(List.of("countries"), same("DELETE FROM countries WHERE code = 'NZ'"),
                same("SELECT code FROM countries WHERE region = 'Oceania'"));
        c.steps(List.of("settings"), same("UPDATE settings SET value = CONCAT('v2-', COALESCE(value, 'null')) WHERE name LIKE 'setting.a%'"),
                same("SELECT * FROM settings WHERE name LIKE 'setting.a%'"));
        c.steps(List.of("settings"), same("INSERT INTO settings (name, value, updated_at) VALUES ('new.one', 'x', '2025-07-07 07:07:07'),"
                + " ('new.two', NULL, '2025-01-01 00:00:00')"), same("DELETE FROM settings WHERE name = 'new.one'"),
                same("SELECT name, value FROM settings WHERE name LIKE 'new.%'"));
    }

    private static void transactions(Corpus c) {
        c.category("transaction");
        for (int i = 0; i < 3; i++) {
            long id = c.customer();
            String read = "SELECT id, balance, tier FROM customers WHERE id = " + id;
            c.steps(CUSTOMERS, same("BEGIN"), same("UPDATE customers SET balance = -123.45, tier = 'bronze' WHERE id = " + id),
                    same(read), same("ROLLBACK"), same(read));
        }
        String some = c.customers(6);
        String count = "SELECT COUNT(*), SUM(amount) FROM orders WHERE customer_id IN (" + some + ")";
        c.steps(ORDERS, same("START TRANSACTION"), same("DELETE FROM orders WHERE customer_id IN (" + some + ")"), same(count),
                same("ROLLBACK"), same(count));
        c.steps(CUSTOMERS, same("BEGIN"), same("INSERT INTO customers (id, name, tier, balance, created_at) VALUES"
                + " (81001, 'tx one', 'gold', 1, '2025-01-01 00:00:00'), (81002, 'tx two', 'gold', 2, '2025-01-01 00:00:00'),"
                + " (81003, 'tx three', 'gold', 3, '2025-01-01 00:00:00')"),
                same("SELECT id, name FROM customers WHERE id BETWEEN 81001 AND 81003"), same("ROLLBACK"),
                same("SELECT id, name FROM customers WHERE id BETWEEN 81001 AND 81003"));
        c.steps(CUSTOMERS, same("BEGIN"), same("UPDATE customers SET balance = balance + 1000 WHERE age = 33"),
                same("SELECT COUNT(*), SUM(balance) FROM customers WHERE age = 33"),
                inOrder("SELECT id, balance FROM customers WHERE age = 33 ORDER BY balance DESC, id LIMIT 5"),
                same("ROLLBACK"), same("SELECT COUNT(*), SUM(balance) FROM customers WHERE age = 33"));
        c.steps(List.of("countries"), same("BEGIN"), same("UPDATE countries SET name = UPPER(name)"),
                same("SELECT name FROM countries WHERE code = 'FR'"), same("ROLLBACK"), same("SELECT * FROM countries"));
        c.steps(List.of("events"), same("BEGIN"), same("DELETE FROM events WHERE created_at BETWEEN '2023-12-31' AND '2025-01-01'"),
                same("SELECT COUNT(*) FROM events"), same("ROLLBACK"), same("SELECT COUNT(*) FROM events"));
        long a = c.customer();
        c.steps(CUSTOMERS, same("BEGIN"), same("UPDATE customers SET note = 'committed' WHERE id = " + a),
                same("UPDATE customers SET note = 'committed too' WHERE age = 19 AND tier = 'gold'"), same("COMMIT"),
                same("SELECT id, note FROM customers WHERE note LIKE 'committed%'"));
        c.steps(CUSTOMERS, same("SET autocommit = 0"), same("UPDATE customers SET age = 99 WHERE id IN (" + c.customers(4) + ")"),
                same("SELECT COUNT(*) FROM customers WHERE age = 99"), same("ROLLBACK"), same("SET autocommit = 1"),
                same("SELECT COUNT(*) FROM customers WHERE age = 99"));
        long b = c.customer();
        c.steps(CUSTOMERS, same("BEGIN"), same("UPDATE customers SET note = 'before savepoint' WHERE id = " + b),
                same("SAVEPOINT sp1"), same("UPDATE customers SET note = 'after savepoint' WHERE age = 20"),
                same("ROLLBACK TO SAVEPOINT sp1"), same("SELECT COUNT(*) FROM customers WHERE note = 'after savepoint'"),
                same("COMMIT"), same("SELECT id, note FROM customers WHERE note LIKE '%savepoint'"));
        c.steps(ORDERS, same("BEGIN"), same("INSERT INTO orders (id, customer_id, status, amount, ordered_at) VALUES"
                + " (40001, " + c.customer() + ", 'new', 1, '2025-01-01 00:00:00'), (40002, " + c.customer() + ", 'new', 2,"
                + " '2025-01-01 00:00:00')"), same("INSERT INTO orders (id, customer_id, status, amount, ordered_at) VALUES"
                + " (40003, " + c.customer() + ", 'new', 3, '2025-01-01 00:00:00')"), same("COMMIT"),
                same("SELECT id, amount FROM orders WHERE id > 40000"));
    }
}
