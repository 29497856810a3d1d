package io.shardwire.router.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shardwire.router.plan.ScatterRewriter;
import io.shardwire.router.route.PlanCache;
import io.shardwire.router.route.Route;
import io.shardwire.router.route.RouteException;
import io.shardwire.router.route.StatementRouter;
import io.shardwire.router.sql.SqlDigest;
import io.shardwire.shardmap.ShardMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A route from the plan cache is the route the full router gives: every golden statement is routed once
 * through the cache, then again with its literals replaced by other values of the same kinds (integers by
 * integers, strings by strings of the same form), and each answer is compared with the full router's for the
 * same text. Seeded, so a failure repeats.
 */
class PlanCacheTest {
    private static final int VARIANTS = 6;

    @Test
    void cachedRoutesEqualFullRoutesForOtherValues() {
        PlanCache cache = new PlanCache(100_000);
        Random random = new Random(42);
        Map<PlanCache.Outcome, Integer> outcomes = new EnumMap<>(PlanCache.Outcome.class);
        for (GoldenCase c : goldenCases()) {
            String database = c.database();
            route(cache, database, c.sql());
            for (int v = 0; v < VARIANTS; v++) {
                String sql = withOtherLiterals(c.sql(), random);
                String full = fullRoute(database, sql);
                String cached;
                try {
                    PlanCache.Result result = cache.route(Fixture.MAP, Fixture.SCHEMAS, database, sql, SqlDigest.of(sql));
                    outcomes.merge(result.outcome(), 1, Integer::sum);
                    cached = render(sql, result.route());
                } catch (RouteException e) {
                    cached = "refused: " + e.getMessage();
                }
                assertEquals(full, cached, "through the plan cache: " + sql + " (golden " + c.file().getFileName() + ")");
            }
        }
        // the comparison means something only if many routes came from the cache
        assertTrue(outcomes.getOrDefault(PlanCache.Outcome.HIT, 0) > 1000, "cache hits: " + outcomes);
    }

    /** Bulk loads: many INSERTs of one shape, each split by its rows' keys exactly as the full router splits it. */
    @Test
    void multiRowInsertsAreSplitLikeTheFullRouter() {
        PlanCache cache = new PlanCache(100);
        Random random = new Random(7);
        Map<PlanCache.Outcome, Integer> outcomes = new EnumMap<>(PlanCache.Outcome.class);
        for (int i = 0; i < 40; i++) {
            StringBuilder customers = new StringBuilder("INSERT INTO customers (id, name, score) VALUES ");
            StringBuilder users = new StringBuilder("INSERT INTO users (email, name) VALUES ");
            for (int r = 0; r < 20; r++) {
                customers.append(r == 0 ? "" : ", ").append("(").append(random.nextInt(2000) - 1000).append(", 'n")
                        .append(random.nextInt(99)).append("', ").append(random.nextInt(5)).append(")");
                users.append(r == 0 ? "" : ",").append("('u").append(random.nextInt(500)).append("@x.org', 'n')");
            }
            for (String sql : List.of(customers.toString(), users.toString(),
                    "INSERT INTO customers VALUES (" + (random.nextInt(9) + 1) + ", 'a', 1), (" + (random.nextInt(9) + 1) + ", 'b', 2)")) {
                PlanCache.Result result = cache.route(Fixture.MAP, Fixture.SCHEMAS, "shop", sql, SqlDigest.of(sql));
                outcomes.merge(result.outcome(), 1, Integer::sum);
                assertEquals(fullRoute("shop", sql), render(sql, result.route()), sql);
            }
        }
        assertTrue(outcomes.getOrDefault(PlanCache.Outcome.HIT, 0) > 60, "cache hits: " + outcomes);
    }

    @Test
    void aNewShardMapVersionIsAMiss() {
        PlanCache cache = new PlanCache(10);
        String sql = "SELECT * FROM customers WHERE id = 7";
        assertEquals(PlanCache.Outcome.MISS, route(cache, "shop", sql).outcome());
        for (int id = 1; id <= 20; id++) {
            route(cache, "shop", "SELECT * FROM customers WHERE id = " + id); // until every shard was seen once
        }
        assertEquals(PlanCache.Outcome.HIT, route(cache, "shop", "SELECT * FROM customers WHERE id = 21").outcome());
        assertEquals(PlanCache.Outcome.MISS, cache.route(new ShardMap(Fixture.MAP.version() + 1, Fixture.MAP.shards(), Fixture.MAP.databases()), Fixture.SCHEMAS,
                "shop", sql, SqlDigest.of(sql)).outcome());
        assertEquals(PlanCache.Outcome.MISS, route(cache, "other", sql).outcome(), "the session database is part of the key");
    }

    @Test
    void staysWithinItsCapacity() {
        PlanCache cache = new PlanCache(50);
        for (int i = 0; i < 500; i++) {
            route(cache, "shop", "SELECT c" + i + " FROM customers WHERE id = 1");
        }
        assertTrue(cache.size() <= 50, "entries: " + cache.size());
        assertEquals(PlanCache.Outcome.HIT, route(cache, "shop", "SELECT c499 FROM customers WHERE id = 1").outcome());
    }

    @Test
    void longStatementsAreRoutedButNotKept() {
        PlanCache cache = new PlanCache(50);
        StringBuilder insert = new StringBuilder("INSERT INTO customers (id, name, score) VALUES (1, 'a', 1)");
        while (insert.length() < 40_000) {
            insert.append(", (1, 'a', 1)");
        }
        for (int i = 0; i < 2; i++) {
            PlanCache.Result result = route(cache, "shop", insert.toString());
            assertEquals(PlanCache.Outcome.UNCACHEABLE, result.outcome());
        }
        assertEquals(0, cache.size(), "a 40 KB shape is not kept");
    }

    private static PlanCache.Result route(PlanCache cache, String database, String sql) {
        try {
            return cache.route(Fixture.MAP, Fixture.SCHEMAS, database, sql, SqlDigest.of(sql));
        } catch (RouteException e) {
            return null;
        }
    }

    private static String fullRoute(String database, String sql) {
        try {
            return render(sql, new StatementRouter(Fixture.MAP, Fixture.SCHEMAS, database).route(sql));
        } catch (RouteException e) {
            return "refused: " + e.getMessage();
        }
    }

    private static String render(String sql, Route route) {
        try {
            return RouteRendering.render(sql, route, route instanceof Route.Scatter s ? ScatterRewriter.rewrite(s) : null);
        } catch (RouteException e) {
            return "refused: " + e.getMessage();
        }
    }

    /** The statement with each literal replaced by a random one of its kind and form. */
    static String withOtherLiterals(String sql, Random random) {
        SqlDigest digest = SqlDigest.of(sql);
        StringBuilder out = new StringBuilder();
        int at = 0;
        for (SqlDigest.Literal literal : digest.literals()) {
            out.append(sql, at, literal.start());
            String written = sql.substring(literal.start(), literal.end());
            out.append(switch (literal.kind()) {
                case INTEGER -> (random.nextInt(4) == 0 && !afterSign(sql, literal.start()) ? "-" : "")
                        + random.nextInt(random.nextBoolean() ? 10 : 100_000);
                case DECIMAL -> random.nextInt(1000) + "." + random.nextInt(100);
                case OTHER_NUMBER -> written;
                case STRING -> sameForm(written, random);
            });
            at = literal.end();
        }
        return out.append(sql.substring(at)).toString();
    }

    private static boolean afterSign(String sql, int start) {
        return start > 0 && (sql.charAt(start - 1) == '-' || sql.charAt(start - 1) == '+');
    }

    /** Digits replaced by digits and letters by letters, so dates stay date-like (and may become invalid ones). */
    private static String sameForm(String written, Random random) {
        StringBuilder b = new StringBuilder(written.length());
        for (int i = 0; i < written.length(); i++) {
            char ch = written.charAt(i);
            boolean inside = i > 0 && i < written.length() - 1;
            if (inside && Character.isDigit(ch)) {
                b.append((char) ('0' + random.nextInt(10)));
            } else if (inside && ch >= 'a' && ch <= 'z') {
                b.append((char) ('a' + random.nextInt(26)));
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }

    private static List<GoldenCase> goldenCases() {
        try (Stream<Path> files = Files.walk(Fixture.ROOT)) {
            return files.filter(p -> p.toString().endsWith(".yaml") && !p.getParent().equals(Fixture.ROOT)).sorted().map(GoldenCase::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
