package io.shardwire.it.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.shardwire.embedded.MariaDbCluster;
import io.shardwire.embedded.MariaDbServer;
import io.shardwire.it.harness.MariaDbBackends;
import io.shardwire.it.harness.ProxyUnderTest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Node's mysql2 driver with {@code connection.execute()}: server-side prepared statements, parameters bound in the
 * binary protocol from every JS type (number, string, Buffer, Date, null, boolean, bigint, mysql2's typed
 * parameters) and rows read back in the binary protocol. The script ({@code node/mysql2-execute.js}) prints one
 * JSON line per outcome; run through the proxy and directly on the backend it must print the same lines, and
 * what it stored through the proxy must equal what it stored directly. On a hash-sharded table every row written
 * by key must read back by key (bound as a number, a string and a bigint), and the rows lie on both shards.
 *
 * <p>Where the proxy differs from the backend today in a way that needs a fix in the proxy (column metadata, OK
 * packet info, warning counts), the difference is listed in {@link #ONE_SHARD} or {@link #TWO_SHARDS}, logged
 * when seen, and everything else is still compared exactly. Row values have no such entry. The script reads JSON
 * columns as text ({@code jsonStrings}): by default mysql2 parses them only where MariaDB's extended metadata
 * says JSON, which the proxy does not pass on.
 *
 * <p>Needs {@code node} and {@code npm} (Debian: {@code nodejs npm}); installs mysql2 {@value #MYSQL2_VERSION}
 * from the npm registry once into {@code target/node-mysql2}. Skipped with a message when they are missing or
 * the install fails, except under {@code CI=true}, where that fails.
 */
@MariaDbBackends(count = 3)
class NodeMysql2Test {
    private static final Logger log = LoggerFactory.getLogger(NodeMysql2Test.class);
    static final String MYSQL2_VERSION = "3.24.6";
    private static final long NODE_TIMEOUT_SECONDS = 120;
    private static final long NPM_TIMEOUT_SECONDS = 300;
    private static final String SCRIPT = "mysql2-execute.js";
    private static ExternalTool node;
    private static Path dir;

    @BeforeAll
    static void installMysql2() throws IOException {
        node = ExternalTool.require("node", "nodejs");
        ExternalTool npm = ExternalTool.require("npm", "npm");
        dir = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("target/node-mysql2");
        Files.createDirectories(dir);
        // written after a successful install only, so an interrupted one is redone
        Path installed = dir.resolve(".installed-mysql2@" + MYSQL2_VERSION);
        if (!Files.isRegularFile(installed) || !Files.isRegularFile(dir.resolve("node_modules/mysql2/package.json"))) {
            ExternalTool.Run run = npm.run(List.of("install", "--no-audit", "--no-fund", "--prefix", dir.toString(),
                    "mysql2@" + MYSQL2_VERSION), "", NPM_TIMEOUT_SECONDS, dir);
            if (run.exitCode() != 0) {
                ExternalTool.unavailable("'npm install mysql2@" + MYSQL2_VERSION + "' into " + dir + " failed: " + run);
            }
            Files.writeString(installed, MYSQL2_VERSION + "\n");
        }
        // beside node_modules, so that require('mysql2') resolves from the script's own directory
        try (InputStream script = NodeMysql2Test.class.getResourceAsStream("/node/" + SCRIPT)) {
            Files.write(dir.resolve(SCRIPT), script.readAllBytes());
        }
    }

    private static List<String> runScript(String mode, int port, String user, String password, String database,
            String table) {
        ExternalTool.Run run = node.run(List.of(dir.resolve(SCRIPT).toString(), mode, "127.0.0.1",
                String.valueOf(port), user, password, database, table), "", NODE_TIMEOUT_SECONDS, dir);
        assertEquals(0, run.exitCode(), "node " + SCRIPT + " " + mode + " on port " + port + "\n" + run);
        assertEquals("", run.stderr(), "node " + SCRIPT + " " + mode + " on port " + port + "\n" + run);
        try {
            // kept for a look at the whole output when the comparison fails
            Files.writeString(dir.resolve(mode + "-" + user + ".jsonl"), run.stdout());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return run.stdout().lines().toList();
    }

    /**
     * A difference between the proxy and the backend that mysql2 shows and that needs a fix in the proxy, not in
     * this test: in the direct output's lines that {@code lines} finds, {@code direct} is replaced with {@code
     * proxied} (a regex replacement) to give what the proxy prints today, so that everything else is still
     * compared exactly. An entry whose {@code proxied} does not say what the proxy prints ({@code inBoth}) is
     * applied to the proxy's output too: that part is not compared. Remove an entry once the proxy is fixed.
     */
    private record KnownDifference(String description, Pattern lines, Pattern direct, String proxied, boolean inBoth) {
        KnownDifference(String description, String lines, String direct, String proxied) {
            this(description, Pattern.compile(lines), Pattern.compile(direct), proxied, false);
        }

        static KnownDifference notCompared(String description, String lines, String part) {
            return new KnownDifference(description, Pattern.compile(lines), Pattern.compile(part),
                    "\"(not compared)\"", true);
        }

        String apply(String line) {
            return lines.matcher(line).find() ? direct.matcher(line).replaceAll(proxied) : line;
        }
    }

    private static final String FIELDS = "^\\{\"label\":\"[^\"]*\",\"fields\":";

    /** Known differences with a proxy over one backend. */
    private static final List<KnownDifference> ONE_SHARD = List.of(
            // the session's collation_connection is the handshake's (mysql2 asks for utf8mb4_unicode_ci, 224), but
            // column definitions carry the character_set_results of the pooled backend connection's own handshake
            // (utf8mb4_general_ci, 45): SET cannot give a connection another collation for its results
            new KnownDifference("result column charsetnr: the pooled connection's 45 for the handshake's 224", FIELDS,
                    "\"characterSet\":224,", "\"characterSet\":45,"),
            // the info text of an OK packet is written length-encoded, but CLIENT_SESSION_TRACK is not offered, so
            // mysql2 reads string<EOF> and shows the length byte too: 40 = '(' before "Rows matched: ..."
            new KnownDifference("OK info length-encoded without CLIENT_SESSION_TRACK: '(' before 'Rows matched'",
                    "\"ok\":", "\"info\":\"(?=Rows matched: \\d  Changed: \\d  Warnings: \\d\")",
                    "\"info\":\"("),
            // parameters are inlined into the SQL as literals, so expressions over them take the literal's type
            KnownDifference.notCompared("column definitions of expressions over parameters (inlined as literals)",
                    "^\\{\"label\":\"echo\",\"fields\":", "(?<=\"fields\":)\\[.*\\]"),
            new KnownDifference("COUNT(*) column length 21 -> 20", "^\\{\"label\":\"count[^\"]*\",\"fields\":",
                    "(?<keep>\"name\":\"n\",[^}]*\"columnLength\":)21,", "${keep}20,"),
            new KnownDifference("SHOW WARNINGS: Code column length 4 -> 10", "^\\{\"label\":\"warnings\",\"fields\":",
                    "(?<keep>\"name\":\"Code\",[^}]*\"columnLength\":)4,", "${keep}10,"));

    /** Known differences with a proxy over two shards, in addition to {@link #ONE_SHARD} (applied first). */
    private static final List<KnownDifference> TWO_SHARDS = List.of();

    /** {@code output} with {@code known} applied, in order; {@code applied} collects those that changed it. */
    private static List<String> withKnownDifferences(List<String> output, List<KnownDifference> known,
            boolean direct, Set<String> applied) {
        List<String> result = new ArrayList<>();
        for (String line : output) {
            for (KnownDifference difference : known) {
                if (direct || difference.inBoth()) {
                    String rewritten = difference.apply(line);
                    if (!rewritten.equals(line)) {
                        applied.add(difference.description());
                        line = rewritten;
                    }
                }
            }
            result.add(line);
        }
        return result;
    }

    /** Line by line, so that a difference names the statement and value instead of a wall of text. */
    private static void assertSameLines(List<String> direct, List<String> proxiedOutput, List<KnownDifference> known) {
        Set<String> applied = new TreeSet<>();
        List<String> expected = withKnownDifferences(direct, known, true, applied);
        List<String> proxied = withKnownDifferences(proxiedOutput, known, false, applied);
        applied.forEach(d -> log.warn("known proxy difference, allowed until the proxy is fixed: {}", d));
        for (int i = 0; i < Math.min(expected.size(), proxied.size()); i++) {
            assertEquals(expected.get(i), proxied.get(i), "line " + (i + 1)
                    + ": direct (expected, with the known differences applied) vs through the proxy");
        }
        assertEquals(expected.size(), proxied.size(), "lines printed, direct vs through the proxy\n"
                + String.join("\n", proxied.subList(Math.min(expected.size(), proxied.size()), proxied.size())));
    }

    private static String line(List<String> lines, String label) {
        return lines.stream().filter(l -> l.startsWith("{\"label\":\"" + label + "\",\"row\""))
                .findFirst().orElseGet(() -> fail("no row labelled '" + label + "' in\n" + String.join("\n", lines)));
    }

    private static void assertContains(String line, String expected) {
        assertTrue(line.contains(expected), "expected " + expected + " in\n" + line);
    }

    @Test
    void executeWritesAndReadsEveryTypeAsOnTheBackend(MariaDbCluster cluster) throws Exception {
        try (Endpoints db = Endpoints.start(cluster, "it_node")) {
            List<String> direct = runScript("types", db.backend().port(), "root", "", db.database(), "node_types");
            try (Connection c = backendConnection(db.backend(), db.database()); Statement s = c.createStatement()) {
                s.execute("RENAME TABLE node_types TO node_types_direct");
            }
            List<String> proxied = runScript("types", db.proxyPort(), "app", "app", db.database(), "node_types");

            // what went in through the proxy is stored as what went in directly
            try (Connection c = backendConnection(db.backend(), db.database()); Statement s = c.createStatement()) {
                s.execute("SET time_zone = '+00:00'");
                List<String> storedDirect;
                try (ResultSet rs = s.executeQuery("SELECT * FROM node_types_direct ORDER BY id")) {
                    storedDirect = DriverView.values(rs);
                }
                try (ResultSet rs = s.executeQuery("SELECT * FROM node_types ORDER BY id")) {
                    assertEquals(storedDirect, DriverView.values(rs), "stored through the proxy vs stored directly");
                }
            }

            // and a few values spelled out, in case both sides went wrong the same way
            List<String> errors = proxied.stream().filter(l -> l.contains("\"error\":")).toList();
            assertEquals(1, errors.size(), "only the duplicate key fails\n" + errors);
            assertContains(errors.getFirst(), "\"label\":\"insert duplicate\",\"error\":{\"code\":\"ER_DUP_ENTRY\"");
            String max = line(proxied, "select 3");
            assertContains(max, "[\"bi\",\"9223372036854775807\"]");
            assertContains(max, "[\"biu\",\"18446744073709551615\"]");
            assertContains(max, "[\"dec30\",\"99999999999999999999.9999999999\"]");
            assertContains(max, "[\"vc\",\"emoji 😀 𝄞 and ünïcödé Ωmega\"]");
            assertContains(max, "[\"vbn\",{\"hex\":\"" + HexFormat.of().formatHex(TypeFixtures.allBytes()) + "\"}]");
            assertContains(max, "[\"dtm6\",\"9999-12-31 23:59:59.999999\"]");
            assertContains(max, "[\"tm6\",\"838:59:59\"]");
            assertContains(max, "[\"b8\",{\"hex\":\"ff\"}]");
            assertContains(max, "[\"js\",\"{\\\"a\\\":[1,\\\"😀\\\",null,true],\\\"b\\\":{\\\"c\\\":15000000000}}\"]");
            String mixed = line(proxied, "select 4");
            assertContains(mixed, "[\"bi\",\"9007199254740993\"]");
            assertContains(mixed, "[\"biu\",\"18446744073709551615\"]");
            assertContains(mixed, "[\"dtm6\",\"2024-02-29 12:34:56.789000\"]");
            assertContains(mixed, "[\"tm6\",\"-01:02:03.5\"]");
            assertContains(mixed, "[\"bl\",{\"hex\":\"0027225c1a0a0d\"}]");
            assertContains(mixed, "[\"vc\",\"q ' dq \\\" bs \\\\ nul \\u0000 nl \\n tab \\t ctrlz \\u001a\"]");
            assertContains(line(proxied, "select 2"), "[\"tm6\",\"-838:59:59\"]");
            assertContains(line(proxied, "where bigint"), "[\"id\",{\"number\":\"4\"}]");
            assertContains(line(proxied, "where emoji"), "[\"id\",{\"number\":\"3\"}]");
            assertContains(line(proxied, "where bytes"), "[\"id\",{\"number\":\"3\"}]");
            assertContains(line(proxied, "count"), "[[\"n\",\"7\"]");

            // and everything mysql2 saw, statement by statement
            assertSameLines(direct, proxied, ONE_SHARD);
        }
    }

    @Test
    void executeOnAHashShardedTableFindsEveryRowByKey(MariaDbCluster cluster) throws Exception {
        String database = "it_node_sharded";
        String table = "node_sharded";
        ProxyUnderTest proxy = ProxyUnderTest.start(cluster, 2, database, "", table + ": { shard_by: hash, key: id }");
        List<MariaDbServer> shards = List.of(cluster.server(0), cluster.server(1));
        try {
            List<String> direct = runScript("sharded", shards.get(0).port(), "root", "", database, table);
            try (Connection c = backendConnection(shards.get(0), database); Statement s = c.createStatement()) {
                s.execute("DROP TABLE " + table);
            }
            List<String> proxied = runScript("sharded", proxy.port(), "app", "app", database, table);

            List<String> reads = proxied.stream().filter(l -> l.startsWith("{\"check\":\"read\"")).toList();
            List<String> misses = reads.stream().filter(l -> !l.contains("\"matches\":true")).toList();
            assertEquals(List.of(), misses, "keys that did not read back exactly their row");
            assertEquals(130 * 3, reads.size(), "each of 130 keys read as a number (or bigint), a string and a bigint");
            assertTrue(proxied.contains("{\"check\":\"written\",\"count\":130}"), String.join("\n", proxied));
            assertContains(line(proxied, "count"), "[[\"n\",\"130\"]]");
            assertContains(line(proxied, "count with parameter"), "[[\"n\",\"126\"]]");
            assertContains(line(proxied, "read updated"), "[\"name\",\"renamed\"]");
            assertContains(line(proxied, "count after delete"), "[[\"n\",\"129\"]]");

            // the rows are spread over both shards, each on one only
            Set<Long> seen = new TreeSet<>();
            List<Integer> perShard = new ArrayList<>();
            for (MariaDbServer shard : shards) {
                int count = 0;
                try (Connection c = backendConnection(shard, database); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT id FROM " + table)) {
                    while (rs.next()) {
                        assertTrue(seen.add(rs.getLong(1)), "id " + rs.getLong(1) + " is on more than one shard");
                        count++;
                    }
                }
                perShard.add(count);
            }
            assertEquals(129, seen.size(), "rows on the shards " + perShard);
            assertTrue(perShard.stream().allMatch(n -> n > 0), "rows per shard " + perShard);

            // and everything mysql2 saw equals what it sees on one server holding the whole table
            assertSameLines(direct, proxied, Stream.concat(TWO_SHARDS.stream(), ONE_SHARD.stream()).toList());
        } finally {
            for (MariaDbServer shard : shards) {
                try (Connection c = backendConnection(shard, ""); Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + database);
                }
            }
            proxy.close();
        }
    }

    private static Connection backendConnection(MariaDbServer backend, String database) throws SQLException {
        return DriverManager.getConnection(backend.jdbcUrl(database), "root", "");
    }
}
