package io.shardwire.it.differential;

import java.util.List;

/**
 * The differential test's schema: one table per way of placing rows, with the column types applications
 * really use (DECIMAL money, DATETIME, nullable VARCHAR and INT, DATE, ENUM, TEXT) in a utf8mb4_general_ci
 * database, so that merges must follow MariaDB's collation, NULL and numeric rules.
 *
 * <ul>
 *   <li>{@code customers}: hash on the BIGINT {@code id}.</li>
 *   <li>{@code orders}, {@code order_items}: hash on {@code customer_id}, co-located with customers.</li>
 *   <li>{@code events}: range on the DATE {@code created_at}, two bounds over the three shards.</li>
 *   <li>{@code accounts}: hash on a VARCHAR {@code email} whose collation ignores case, accents and
 *       trailing spaces, so equal-but-different spellings must land on one shard.</li>
 *   <li>{@code countries}: broadcast; {@code settings}: unsharded, on the default shard.</li>
 * </ul>
 */
final class ShopSchema {
    static final String DATABASE = "diffshop";

    /** Every table, in load order; the verification after writes reads them by these names. */
    static final List<String> TABLES = List.of("countries", "settings", "customers", "orders", "order_items", "events",
            "accounts");

    static final List<String> SHARDED = List.of("customers", "orders", "order_items", "events", "accounts");

    /** The database's {@code tables:} section of the proxy configuration. */
    static final String TABLES_YAML = """
            customers: { shard_by: hash, key: id }
            orders: { shard_by: hash, key: customer_id }
            order_items: { shard_by: hash, key: customer_id }
            accounts: { shard_by: hash, key: email }
            countries: { shard_by: broadcast }
            events:
              shard_by: range
              key: created_at
              ranges:
                - { below: "2024-01-01", shard: s0 }
                - { below: "2025-01-01", shard: s1 }
                - { shard: s2 }
            """;

    /** Run through the proxy (so it fans out) and directly on the reference server. */
    static final List<String> DDL = List.of(
            """
            CREATE TABLE countries (
              code CHAR(2) NOT NULL PRIMARY KEY,
              name VARCHAR(64) NOT NULL,
              region VARCHAR(32) NULL,
              population BIGINT NULL
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci""",
            """
            CREATE TABLE settings (
              name VARCHAR(64) NOT NULL PRIMARY KEY,
              value VARCHAR(255) NULL,
              updated_at DATETIME NOT NULL
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci""",
            """
            CREATE TABLE customers (
              id BIGINT NOT NULL PRIMARY KEY,
              name VARCHAR(100) NOT NULL,
              email VARCHAR(120) NULL,
              country CHAR(2) NULL,
              tier ENUM('bronze','silver','gold','platinum') NOT NULL,
              balance DECIMAL(10,2) NOT NULL,
              age INT NULL,
              created_at DATETIME NOT NULL,
              note TEXT NULL,
              KEY by_country (country)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci""",
            """
            CREATE TABLE orders (
              id BIGINT NOT NULL PRIMARY KEY,
              customer_id BIGINT NOT NULL,
              status ENUM('new','paid','shipped','cancelled') NOT NULL,
              amount DECIMAL(10,2) NOT NULL,
              discount DECIMAL(10,2) NULL,
              quantity INT NULL,
              ordered_at DATETIME NOT NULL,
              ship_country CHAR(2) NULL,
              KEY by_customer (customer_id)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci""",
            """
            CREATE TABLE order_items (
              order_id BIGINT NOT NULL,
              line_no INT NOT NULL,
              customer_id BIGINT NOT NULL,
              sku VARCHAR(20) NOT NULL,
              price DECIMAL(10,2) NOT NULL,
              qty INT NOT NULL,
              PRIMARY KEY (order_id, line_no),
              KEY by_customer (customer_id)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci""",
            """
            CREATE TABLE events (
              id BIGINT NOT NULL PRIMARY KEY,
              created_at DATE NOT NULL,
              kind ENUM('view','click','signup','purchase') NOT NULL,
              customer_id BIGINT NULL,
              score INT NULL,
              happened_at DATETIME NOT NULL,
              payload TEXT NULL,
              KEY by_day (created_at)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci""",
            """
            CREATE TABLE accounts (
              id BIGINT NOT NULL PRIMARY KEY,
              email VARCHAR(120) NOT NULL,
              display_name VARCHAR(100) NULL,
              customer_id BIGINT NULL,
              credits INT NULL,
              created_on DATE NOT NULL,
              KEY by_email (email)
            ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci""");

    private ShopSchema() {
    }
}
