package io.shardwire.it.differential;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.shardwire.embedded.MariaDbCluster;
import io.shardwire.embedded.MariaDbServer;
import io.shardwire.it.harness.MariaDbBackends;
import io.shardwire.it.harness.MariaDbBackendsExtension;
import io.shardwire.it.harness.ProxyUnderTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The differential test: the same schema, data and several hundred statements on the proxy in front of three
 * MariaDB shards and on one plain MariaDB server, compared exactly (see {@link Differ}). A client must not be
 * able to tell from any result that the data is sharded; statements the proxy cannot answer exactly must be
 * refused, and only those listed in {@link Refusals} may be. Counts per category are logged at the end.
 *
 * <p>The shards are the shared three-server cluster (database {@value ShopSchema#DATABASE}, dropped at the end);
 * the reference is a fourth server of this class's own, stopped at the end.
 */
@MariaDbBackends(count = 3)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DifferentialTest {
    private static final Logger log = LoggerFactory.getLogger(DifferentialTest.class);
    private static final int SHARDS = 3;
    private static final String URL_OPTIONS = "?sslMode=DISABLED&allowPublicKeyRetrieval=true";

    private final Map<String, Tally> tallies = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();
    private MariaDbServer referenceServer;
    private ProxyUnderTest proxy;
    private Connection viaProxy;
    private Connection reference;
    private Connection referenceForChecks;
    private final List<Connection> shards = new ArrayList<>();
    private TableCheck tables;
    private ShopData data;
    private long startNanos;
    /** Time spent in setup statements: through the proxy, on the reference. */
    private final long[] setupNanos = new long[2];

    /** Outcomes of one category. */
    private static final class Tally {
        int passed;
        int refused;
        int failed;
    }

    @BeforeAll
    void startAndLoad(MariaDbCluster cluster) throws Exception {
        startNanos = System.nanoTime();
        for (int i = 0; i < SHARDS; i++) {
            try (Connection c = DriverManager.getConnection(cluster.server(i).jdbcUrl("") + URL_OPTIONS, "root", "");
                 Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + ShopSchema.DATABASE);
            }
        }
        referenceServer = MariaDbServer.start(MariaDbBackendsExtension.binaries(), cluster.server(0).dir().getParent(),
                "differential-reference", List.of());
        try (Connection c = DriverManager.getConnection(referenceServer.jdbcUrl("") + URL_OPTIONS, "root", "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + ShopSchema.DATABASE);
            s.execute("CREATE DATABASE " + ShopSchema.DATABASE + " CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci");
        }
        proxy = ProxyUnderTest.start(cluster, SHARDS, ShopSchema.DATABASE, "", ShopSchema.TABLES_YAML);
        viaProxy = DriverManager.getConnection(proxy.mysqlUrl(ShopSchema.DATABASE, ""), "app", "app");
        reference = DriverManager.getConnection(referenceServer.jdbcUrl(ShopSchema.DATABASE) + URL_OPTIONS, "root", "");
        for (int i = 0; i < SHARDS; i++) {
            shards.add(DriverManager.getConnection(cluster.server(i).jdbcUrl(ShopSchema.DATABASE) + URL_OPTIONS, "root", ""));
        }
        // the table checks read the reference on a connection of their own, which no statement of the corpus changes
        referenceForChecks = DriverManager.getConnection(referenceServer.jdbcUrl(ShopSchema.DATABASE) + URL_OPTIONS, "root", "");
        tables = new TableCheck(shards, referenceForChecks, viaProxy);
        long loadStart = System.nanoTime();
        for (String ddl : ShopSchema.DDL) {
            executeOnBoth(ddl);
        }
        data = ShopData.generate();
        long rows = 0;
        for (List<String> batches : data.inserts.values()) {
            for (String insert : batches) {
                rows += executeOnBoth(insert);
            }
        }
        for (String table : ShopSchema.TABLES) {
            Optional<String> diff = tables.compare(table);
            assertTrue(diff.isEmpty(), () -> "after loading: " + diff.get());
        }
        log.info("differential: {} rows loaded in {} ms (through the proxy {} ms, into the reference {} ms)", rows,
                (System.nanoTime() - loadStart) / 1_000_000, setupNanos[0] / 1_000_000, setupNanos[1] / 1_000_000);
    }

    @TestFactory
    Stream<DynamicNode> proxyAnswersAsOneServerWould() {
        List<Case> cases = Corpus.build(data);
        Map<String, List<DynamicNode>> byCategory = new LinkedHashMap<>();
        int n = 0;
        for (Case c : cases) {
            int number = ++n;
            byCategory.computeIfAbsent(c.category(), k -> new ArrayList<>())
                    .add(DynamicTest.dynamicTest("#" + number + " " + abbreviate(c.title()), () -> run(number, c)));
        }
        return byCategory.entrySet().stream().map(e -> DynamicContainer.dynamicContainer(e.getKey(), e.getValue()));
    }

    @AfterAll
    void reportAndStop() throws SQLException {
        try {
            log.info("differential report after {} s:\n{}", (System.nanoTime() - startNanos) / 1_000_000_000, report());
        } finally {
            closeQuietly(viaProxy);
            closeQuietly(reference);
            closeQuietly(referenceForChecks);
            for (Connection shard : shards) {
                try (Statement s = shard.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + ShopSchema.DATABASE);
                } finally {
                    closeQuietly(shard);
                }
            }
            if (proxy != null) {
                proxy.close();
            }
            if (referenceServer != null) {
                referenceServer.stop();
            }
        }
    }

    private void run(int number, Case c) throws SQLException {
        Tally tally = tallies.computeIfAbsent(c.category(), k -> new Tally());
        List<String> problems = new ArrayList<>();
        try {
            for (Case.Step step : c.steps()) {
                Optional<String> problem = step.refusal() == null ? compare(step) : refusal(step);
                if (problem.isPresent()) {
                    problems.add("statement: " + step.sql() + "\n    " + problem.get() + "\n    route: " + route(step.sql()));
                    break;
                }
            }
        } finally {
            if (!problems.isEmpty()) {
                resetSessions();
            }
            for (String table : c.verify()) {
                Optional<String> diff = tables.compare(table);
                if (diff.isPresent()) {
                    problems.add("table contents afterwards: " + diff.get());
                    tables.resync(table);
                }
            }
        }
        if (problems.isEmpty()) {
            if (c.refusal()) {
                tally.refused++;
            } else {
                tally.passed++;
            }
            return;
        }
        tally.failed++;
        String message = c.category() + " #" + number + ":\n  " + String.join("\n  ", problems);
        failures.add(message);
        fail(message);
    }

    private Optional<String> compare(Case.Step step) throws SQLException {
        Outcome fromProxy;
        Outcome fromReference;
        try (Statement p = viaProxy.createStatement(); Statement r = reference.createStatement()) {
            fromProxy = Outcome.of(p, step.sql());
            fromReference = Outcome.of(r, step.sql());
        }
        return Differ.compare(fromProxy, fromReference, step.ordered());
    }

    private Optional<String> refusal(Case.Step step) throws SQLException {
        Outcome outcome;
        try (Statement p = viaProxy.createStatement()) {
            outcome = Outcome.of(p, step.sql());
        }
        if (outcome instanceof Outcome.Failure f && f.message().contains("shardwire") && f.message().contains(step.refusal())) {
            return Optional.empty();
        }
        return Optional.of("expected shardwire to refuse it with an error containing \"" + step.refusal() + "\", got: "
                + Differ.describe(outcome));
    }

    /** Where the proxy sends the statement, for failure reports: EXPLAIN ROUTE's rows as shard: sql. */
    private String route(String sql) throws SQLException {
        try (Statement p = viaProxy.createStatement()) {
            Outcome outcome = Outcome.of(p, "EXPLAIN ROUTE " + sql);
            if (outcome instanceof Outcome.Rows rows) {
                return String.join("; ", rows.rows().stream().map(r -> r.get(0) + ": " + abbreviate(r.get(1))).toList());
            }
            return Differ.describe(outcome);
        }
    }

    /** Leaves both connections as they started (no transaction, autocommit, default variables) after a failed case. */
    private void resetSessions() throws SQLException {
        for (Connection c : List.of(viaProxy, reference)) {
            try (Statement s = c.createStatement()) {
                s.execute("ROLLBACK");
                s.execute("SET autocommit = 1");
                s.execute("SET SESSION div_precision_increment = DEFAULT, time_zone = DEFAULT, sql_mode = DEFAULT");
            }
        }
    }

    /** Runs a setup statement on the proxy and the reference; both must succeed with the same count. */
    private long executeOnBoth(String sql) throws SQLException {
        long[] counts = new long[2];
        try (Statement p = viaProxy.createStatement(); Statement r = reference.createStatement()) {
            long start = System.nanoTime();
            p.execute(sql);
            counts[0] = p.getLargeUpdateCount();
            long proxyDone = System.nanoTime();
            r.execute(sql);
            counts[1] = r.getLargeUpdateCount();
            setupNanos[0] += proxyDone - start;
            setupNanos[1] += System.nanoTime() - proxyDone;
        }
        assertEquals(counts[1], counts[0], () -> "affected rows of " + abbreviate(sql));
        return counts[0];
    }

    private String report() {
        StringBuilder b = new StringBuilder(String.format("%-28s %7s %8s %7s%n", "category", "passed", "refused", "failed"));
        Tally total = new Tally();
        tallies.forEach((category, t) -> {
            b.append(String.format("%-28s %7d %8d %7d%n", category, t.passed, t.refused, t.failed));
            total.passed += t.passed;
            total.refused += t.refused;
            total.failed += t.failed;
        });
        b.append(String.format("%-28s %7d %8d %7d%n", "total", total.passed, total.refused, total.failed));
        for (String failure : failures) {
            b.append("FAILED ").append(failure).append('\n');
        }
        return b.toString();
    }

    private static String abbreviate(String sql) {
        String oneLine = sql.replaceAll("\\s+", " ");
        return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 117) + "...";
    }

    private static void closeQuietly(Connection c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (SQLException e) {
            log.debug("closing {}: {}", c, e.getMessage());
        }
    }
}
