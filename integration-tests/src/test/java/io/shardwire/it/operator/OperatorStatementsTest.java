package io.shardwire.it.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shardwire.embedded.MariaDbCluster;
import io.shardwire.it.harness.MariaDbBackends;
import io.shardwire.it.harness.ProxyUnderTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator statements through Connector/J against a running 2-shard cluster started from a configuration
 * file: column names and values checked against the cluster, the admin privilege, reloads (valid, invalid, under
 * load), and the HTTP endpoints.
 */
@MariaDbBackends(count = 2)
class OperatorStatementsTest {
    private static final String TABLES = "customers: { shard_by: hash, key: id }\norders: { shard_by: hash, key: customer_id }";
    @TempDir
    static Path dir;
    static Path configFile;
    static MariaDbCluster cluster;
    static ProxyUnderTest proxy;

    @BeforeAll
    static void start(MariaDbCluster c) throws Exception {
        cluster = c;
        configFile = dir.resolve("shardwire.yaml");
        Files.writeString(configFile, ProxyUnderTest.configYaml(c, 2, "ops",
                "slow_query_log: " + dir.resolve("slow.log") + "\nslow_query_ms: 0", TABLES, ""));
        proxy = ProxyUnderTest.startFromFile(configFile);
        try (Connection conn = connect("app"); Statement s = conn.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS customers (id BIGINT PRIMARY KEY, name VARCHAR(20))");
            s.execute("CREATE TABLE IF NOT EXISTS orders (id BIGINT PRIMARY KEY, customer_id BIGINT, total INT)");
            s.execute("DELETE FROM customers");
            for (int i = 1; i <= 20; i++) {
                s.execute("INSERT INTO customers VALUES (" + i + ", 'c" + i + "')");
            }
        }
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }

    static Connection connect(String user) throws SQLException {
        return DriverManager.getConnection(proxy.mysqlUrl("ops", ""), user, user);
    }

    @Test
    void showShardForNamesTheShardThatHoldsTheRow() throws Exception {
        try (Connection conn = connect("app"); Statement s = conn.createStatement()) {
            for (int id : new int[] {1, 7, 13}) {
                Map<String, String> row = onlyRow(s, "show shard for customers key " + id);
                assertEquals(List.of("database", "table", "shard_by", "key", "value", "keyspace_id", "shard", "range_start",
                        "range_end"), columns(s, "SHOW SHARD FOR ops.customers KEY " + id));
                assertEquals("customers", row.get("table"));
                assertEquals("hash", row.get("shard_by"));
                assertTrue(row.get("keyspace_id").startsWith("0x"), row.toString());
                // the row really is on that shard's backend, and only there
                int shard = Integer.parseInt(row.get("shard").substring(1));
                assertEquals(1, countOnBackend(shard, "SELECT COUNT(*) FROM customers WHERE id = " + id));
                assertEquals(0, countOnBackend(1 - shard, "SELECT COUNT(*) FROM customers WHERE id = " + id));
                // EXPLAIN ROUTE agrees, with the key's keyspace id
                Map<String, String> explained = onlyRow(s, "EXPLAIN ROUTE SELECT * FROM customers WHERE id = " + id);
                assertEquals(row.get("shard"), explained.get("shard"));
                assertEquals("KEYED", explained.get("variant"));
                assertEquals("1", explained.get("shard_count"));
                assertEquals(row.get("keyspace_id"), explained.get("keyspace_ids"));
            }
            SQLException unsharded = assertThrows(SQLException.class, () -> s.executeQuery("SHOW SHARD FOR nosuch KEY 1"));
            assertTrue(unsharded.getMessage().contains("no sharding rule"), unsharded.getMessage());
        }
    }

    @Test
    void queryDigestsCountStatementsAndShards() throws Exception {
        try (Connection admin = connect("admin"); Statement a = admin.createStatement();
             Connection conn = connect("app"); Statement s = conn.createStatement()) {
            a.execute("RESET QUERY DIGESTS");
            for (int i = 1; i <= 5; i++) {
                s.executeQuery("SELECT name FROM customers WHERE id = " + i).close();
            }
            s.executeQuery("SELECT COUNT(*) FROM customers WHERE name LIKE 'c%'").close();
            assertThrows(SQLException.class, () -> s.executeQuery("SELECT nosuchcolumn FROM customers WHERE id = 1"));
            Map<String, Map<String, String>> digests = new HashMap<>();
            try (ResultSet rs = a.executeQuery("SHOW QUERY DIGESTS")) {
                ResultSetMetaData md = rs.getMetaData();
                assertEquals("digest_text", md.getColumnLabel(3));
                assertEquals(Types.BIGINT, md.getColumnType(4), "count is typed");
                while (rs.next()) {
                    Map<String, String> row = new HashMap<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        row.put(md.getColumnLabel(i), rs.getString(i));
                    }
                    digests.put(row.get("digest_text"), row);
                }
            }
            Map<String, String> point = digests.get("SELECT name FROM customers WHERE id = ?");
            assertEquals("5", point.get("count"), digests.keySet().toString());
            assertEquals("5", point.get("rows_sent"));
            assertEquals("1", point.get("shards_max"));
            Map<String, String> scatter = digests.get("SELECT COUNT(*) FROM customers WHERE name LIKE ?");
            assertEquals("2", scatter.get("shards_min"), "a scatter stands out");
            assertEquals("1", digests.get("SELECT nosuchcolumn FROM customers WHERE id = ?").get("errors"));
            SQLException denied = assertThrows(SQLException.class, () -> s.execute("RESET QUERY DIGESTS"));
            assertEquals(1227, denied.getErrorCode());
        }
    }

    @Test
    void theSlowQueryLogHasDigestsNotValues() throws Exception {
        try (Connection conn = connect("app"); Statement s = conn.createStatement()) {
            s.executeQuery("SELECT name FROM customers WHERE name = 'secret-value-17'").close();
        }
        String log = Files.readString(dir.resolve("slow.log"));
        String line = log.lines().filter(l -> l.contains("SELECT name FROM customers WHERE name = ?")).findFirst()
                .orElseThrow(() -> new AssertionError("no slow log line in:\n" + log));
        assertTrue(line.contains("shards=2") && line.contains("user=app") && line.contains("schema=ops"), line);
        assertFalse(log.contains("secret-value-17"), "literal values stay out of the log");
    }

    @Test
    void reloadAddsATableRuleAndRoutingFollowsIt() throws Exception {
        String original = Files.readString(configFile);
        try (Connection admin = connect("admin"); Statement a = admin.createStatement()) {
            a.execute("CREATE TABLE IF NOT EXISTS notes (id BIGINT PRIMARY KEY, body VARCHAR(20))");
            assertEquals("DEFAULT_SHARD", onlyRow(a, "EXPLAIN ROUTE SELECT * FROM notes WHERE id = 5").get("variant"));
            Files.writeString(configFile, original.replace("    tables:\n", "    tables:\n      notes: { shard_by: broadcast }\n"));
            a.execute("RELOAD CONFIG");
            assertEquals("BROADCAST_READ", onlyRow(a, "EXPLAIN ROUTE SELECT * FROM notes WHERE id = 5").get("variant"));
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = a.executeQuery("SHOW SHARDED TABLES")) {
                while (rs.next()) {
                    tables.add(rs.getString("table") + ":" + rs.getString("shard_by"));
                }
            }
            assertTrue(tables.contains("notes:broadcast"), tables.toString());
        } finally {
            Files.writeString(configFile, original);
            try (Connection admin = connect("admin"); Statement a = admin.createStatement()) {
                a.execute("RELOAD CONFIG");
                a.execute("DROP TABLE IF EXISTS notes");
            }
        }
    }

    @Test
    void proxyStatusShowsVersionSessionsAndConfiguration() throws Exception {
        try (Connection conn = connect("app"); Statement s = conn.createStatement()) {
            Map<String, String> status = new HashMap<>();
            try (ResultSet rs = s.executeQuery("show proxy status")) {
                assertEquals("Variable_name", rs.getMetaData().getColumnLabel(1));
                while (rs.next()) {
                    status.put(rs.getString(1), rs.getString(2));
                }
            }
            assertTrue(status.get("version").contains("shardwire"), status.toString());
            assertTrue(Integer.parseInt(status.get("client_sessions")) >= 1);
            assertEquals(configFile.toString(), status.get("config_file"));
            assertEquals("2", status.get("shards_up"));
            assertTrue(Long.parseLong(status.get("statements_total")) > 0);
        }
    }

    @Test
    void contractStatementsReportLiveState() throws Exception {
        try (Connection conn = connect("app"); Statement s = conn.createStatement()) {
            assertEquals(List.of("shard", "primary", "replicas", "status"), columns(s, "SHOW SHARDS").subList(0, 4));
            try (ResultSet rs = s.executeQuery("SHOW BACKENDS")) {
                int rows = 0;
                while (rs.next()) {
                    assertEquals("UP", rs.getString("state"));
                    rows++;
                }
                assertEquals(2, rows);
            }
        }
    }

    @Test
    void reloadAppliesAValidFileRefusesAnInvalidOneAndDropsNoStatement() throws Exception {
        String original = Files.readString(configFile);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger executed = new AtomicInteger();
        List<Throwable> failures = new ArrayList<>();
        ExecutorService load = Executors.newFixedThreadPool(4);
        try (Connection admin = connect("admin"); Statement a = admin.createStatement()) {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                workers.add(load.submit(() -> {
                    try (Connection conn = connect("app"); Statement s = conn.createStatement()) {
                        int i = seed;
                        while (running.get()) {
                            try (ResultSet rs = s.executeQuery("SELECT name FROM customers WHERE id = " + (i++ % 20 + 1))) {
                                assertTrue(rs.next());
                            }
                            executed.incrementAndGet();
                        }
                    } catch (Throwable e) {
                        synchronized (failures) {
                            failures.add(e);
                        }
                    }
                    return null;
                }));
            }
            long before = mapVersion(a);
            // an invalid file: refused, naming the problem; the running configuration stays
            Files.writeString(configFile, original.replace("shard_by: hash", "shard_by: hashh"));
            SQLException refused = assertThrows(SQLException.class, () -> a.execute("RELOAD CONFIG"));
            assertTrue(refused.getMessage().contains("hashh"), refused.getMessage());
            assertEquals(before, mapVersion(a));
            // a valid change: a new user, and the map version moves on
            Files.writeString(configFile, original.replace("users:\n", "users:\n  - { name: newcomer, password: newcomer }\n"));
            a.execute("RELOAD CONFIG");
            assertEquals(before + 1, mapVersion(a));
            try (Connection newcomer = connect("newcomer")) {
                assertTrue(newcomer.isValid(2));
            }
            // a plain user may not reload
            try (Connection conn = connect("app"); Statement s = conn.createStatement()) {
                assertEquals(1227, assertThrows(SQLException.class, () -> s.execute("RELOAD CONFIG")).getErrorCode());
            }
            Thread.sleep(300);
            running.set(false);
            for (Future<?> w : workers) {
                w.get();
            }
        } finally {
            running.set(false);
            load.shutdownNow();
            Files.writeString(configFile, original);
        }
        assertTrue(failures.isEmpty(), "statements failed during reloads: " + failures);
        assertTrue(executed.get() > 20, "statements run during the reloads: " + executed.get());
    }

    @Test
    void metricsParseAsPrometheusTextAndMoveWithTraffic() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String before = get(http, "/metrics").body();
        try (Connection conn = connect("app"); Statement s = conn.createStatement()) {
            for (int i = 0; i < 10; i++) {
                s.executeQuery("SELECT name FROM customers WHERE id = 3").close();
            }
        }
        String after = get(http, "/metrics").body();
        for (String line : after.split("\n")) {
            assertTrue(line.isEmpty() || line.startsWith("#") || line.matches("[a-zA-Z_:][a-zA-Z0-9_:]*(\\{.*})? \\S+"),
                    "not Prometheus text: " + line);
        }
        String hits = "shardwire_plan_cache_lookups_total{outcome=\"hit\"}";
        assertTrue(counter(after, hits) >= counter(before, hits) + 9, "plan cache hits move");
        String keyed = "shardwire_statements_seconds_count{kind=\"select\",outcome=\"ok\",route=\"keyed\"}";
        assertTrue(counter(after, keyed) >= counter(before, keyed) + 10, "keyed selects move");
        for (String name : List.of("shardwire_statement_shards", "shardwire_backend_statements_seconds", "hikaricp_connections",
                "shardwire_client_bytes_total", "jvm_memory_used_bytes", "process_cpu_usage")) {
            assertTrue(after.contains(name), name + " is published");
        }
        HttpResponse<String> health = get(http, "/health");
        assertEquals(200, health.statusCode());
        assertTrue(health.body().contains("\"status\":\"UP\""), health.body());
    }

    private static HttpResponse<String> get(HttpClient http, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.adminPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static double counter(String scrape, String series) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).strip());
            }
        }
        return 0;
    }

    private static long mapVersion(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SHOW PROXY STATUS")) {
            while (rs.next()) {
                if (rs.getString(1).equals("shard_map_version")) {
                    return Long.parseLong(rs.getString(2));
                }
            }
        }
        throw new AssertionError("no shard_map_version");
    }

    private static Map<String, String> onlyRow(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            Map<String, String> row = new HashMap<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                row.put(rs.getMetaData().getColumnLabel(i), rs.getString(i));
            }
            assertFalse(rs.next(), sql + " returns one row");
            return row;
        }
    }

    private static List<String> columns(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                names.add(rs.getMetaData().getColumnLabel(i));
            }
            return names;
        }
    }

    private static int countOnBackend(int shard, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(cluster.server(shard).jdbcUrl("ops"), "root", "");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
