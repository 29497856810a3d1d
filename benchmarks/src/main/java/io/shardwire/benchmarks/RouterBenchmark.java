package io.shardwire.benchmarks;

import io.shardwire.router.route.PlanCache;
import io.shardwire.router.route.Route;
import io.shardwire.router.route.StatementRouter;
import io.shardwire.router.route.TableSchemas;
import io.shardwire.router.sql.SqlDigest;
import io.shardwire.shardmap.ConfigLoader;
import io.shardwire.shardmap.KeyType;
import io.shardwire.shardmap.ShardMap;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Routing {@code SELECT * FROM customers WHERE id = ?} on a table hash-sharded over 4 shards: (a) the full route,
 * a new {@link StatementRouter} that parses the statement with JSqlParser, as on a plan-cache miss; (b) a warm
 * {@link PlanCache} hit, digest included, which re-derives the shard from the key literal without parsing; and
 * (c) a statement on an unsharded table, which the router sends to the default shard from its tokens alone. The
 * plan cache exists because (a) is most of the proxy's CPU per keyed statement; (b)/(a) is what it saves.
 * The key values differ from call to call (1024 precomputed statements), so nothing folds into a constant.
 * JSqlParser takes about 10 s of warm-up before the full route settles, hence the longer default warm-up.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
public class RouterBenchmark {

    private static final String CONFIG = """
            users: [ { name: app, password: app } ]
            backends:
              s0: { primary: "mysql://root:@127.0.0.1:13306" }
              s1: { primary: "mysql://root:@127.0.0.1:13307" }
              s2: { primary: "mysql://root:@127.0.0.1:13308" }
              s3: { primary: "mysql://root:@127.0.0.1:13309" }
            databases:
              shop:
                default_shard: s0
                tables:
                  customers: { shard_by: hash, key: id }
            """;
    private static final int STATEMENTS = 1024; // a power of two: the index wraps with a mask

    /** What the server reads from information_schema: customers.id is an INT. */
    private static final TableSchemas SCHEMAS = new TableSchemas() {
        @Override
        public Optional<KeyType> keyType(String database, String table, String column) {
            return table.equalsIgnoreCase("customers") && column.equalsIgnoreCase("id")
                    ? Optional.of(KeyType.INTEGER) : Optional.empty();
        }

        @Override
        public List<String> columns(String database, String table) {
            return table.equalsIgnoreCase("customers") ? List.of("id", "name", "email") : List.of();
        }
    };

    private final ShardMap map = ShardMap.from(ConfigLoader.parse(CONFIG, "RouterBenchmark"), 1);
    private final PlanCache cache = new PlanCache(1024);
    private final String[] keyed = new String[STATEMENTS];
    private final String[] unsharded = new String[STATEMENTS];
    private int next;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < STATEMENTS; i++) {
            keyed[i] = "SELECT * FROM customers WHERE id = " + random.nextInt(1, 10_000_000);
            unsharded[i] = "SELECT * FROM audit_log WHERE id = " + random.nextInt(1, 10_000_000);
        }
        // Warm the cache: the first statement of a shape misses, and a keyed plan covers only the shards the
        // full router has chosen for it, so route them all once; then every statement must be a hit.
        Set<String> shards = new HashSet<>();
        for (String sql : keyed) {
            Route route = cache.route(map, SCHEMAS, "shop", sql, SqlDigest.of(sql)).route();
            if (!(route instanceof Route.Single single) || single.variant() != Route.Variant.KEYED) {
                throw new IllegalStateException("expected a keyed single-shard route for " + sql + ", got " + route);
            }
            shards.add(single.shard());
        }
        if (shards.size() != 4) {
            throw new IllegalStateException("expected the keys to reach all 4 shards, reached " + shards);
        }
        for (String sql : keyed) {
            PlanCache.Outcome outcome = cache.route(map, SCHEMAS, "shop", sql, SqlDigest.of(sql)).outcome();
            if (outcome != PlanCache.Outcome.HIT) {
                throw new IllegalStateException("expected a plan cache hit for " + sql + ", got " + outcome);
            }
        }
        Route route = new StatementRouter(map, SCHEMAS, "shop").route(unsharded[0]);
        if (!(route instanceof Route.Single single) || single.variant() != Route.Variant.DEFAULT_SHARD) {
            throw new IllegalStateException("expected the default shard for " + unsharded[0] + ", got " + route);
        }
    }

    private int nextIndex() {
        return next++ & (STATEMENTS - 1);
    }

    @Benchmark
    public Route fullRoute() {
        return new StatementRouter(map, SCHEMAS, "shop").route(keyed[nextIndex()]);
    }

    @Benchmark
    public Route planCacheHit() {
        String sql = keyed[nextIndex()];
        return cache.route(map, SCHEMAS, "shop", sql, SqlDigest.of(sql)).route();
    }

    @Benchmark
    public Route unshardedTable() {
        return new StatementRouter(map, SCHEMAS, "shop").route(unsharded[nextIndex()]);
    }
}
