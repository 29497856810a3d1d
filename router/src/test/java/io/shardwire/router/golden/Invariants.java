package io.shardwire.router.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.shardwire.router.plan.MergeSpec;
import io.shardwire.router.plan.ScatterPlan;
import io.shardwire.router.route.Route;
import io.shardwire.shardmap.ShardMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.parser.AbstractJSqlParser;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SetOperationList;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.upsert.Upsert;

/**
 * What must hold for every route, whatever its golden says: it names only shards of the map, each once,
 * on the map's version; the SQL the proxy itself produced (scatter rewrites, INSERT splits) still parses;
 * an INSERT split sends every row exactly once.
 */
final class Invariants {
    private Invariants() {
    }

    static void check(ShardMap map, String input, Route route, ScatterPlan plan) {
        assertEquals(map.version(), route.mapVersion(), "the route records the map version it was built on");
        switch (route) {
            case Route.Single s -> assertTrue(map.shards().contains(s.shard()), "unknown shard " + s.shard());
            case Route.Fanout f -> {
                List<String> shards = f.statements().stream().map(Route.ShardSql::shard).toList();
                checkShards(map, shards);
                assertTrue(shards.size() > 1 || f.variant() == Route.Variant.DDL_FANOUT || f.variant() == Route.Variant.BROADCAST_WRITE,
                        "a fan-out to one shard should be a single route: " + shards);
                if (f.variant() == Route.Variant.INSERT_SPLIT) {
                    int rows = 0;
                    for (Route.ShardSql q : f.statements()) {
                        rows += rowCount(parse(q.sql()));
                    }
                    assertEquals(rowCount(parse(input)), rows, "the split sends every row exactly once");
                }
            }
            case Route.Scatter s -> {
                checkShards(map, s.shards());
                assertTrue(s.shards().size() > 1, "a scatter over one shard should be a single route");
                assertEquals(s.shards(), plan.queries().stream().map(Route.ShardSql::shard).toList(), "one query per shard of the route");
                assertEquals(route.mapVersion(), plan.mapVersion());
                for (Route.ShardSql q : plan.queries()) {
                    checkMergeInput(plan.merge(), parse(q.sql()), q.sql());
                }
            }
        }
    }

    /**
     * The merge relies on the shards' ORDER BY (merge-sort, streaming group merge) and on their LIMIT: a rewrite
     * that lost one (a clause pasted after a line comment, say) would still parse, so check that they are there.
     */
    private static void checkMergeInput(MergeSpec merge, Statement statement, String sql) {
        Select select = assertInstanceOf(Select.class, statement, "a scatter query is a SELECT: " + sql);
        int sortKeys = select.getOrderByElements() == null ? 0 : select.getOrderByElements().size();
        boolean limited = select.getLimit() != null;
        if (select instanceof SetOperationList union) {
            Select last = union.getSelects().get(union.getSelects().size() - 1);
            limited |= last.getLimit() != null;
        }
        if (merge.aggregation() != null) {
            assertTrue(sortKeys >= merge.aggregation().groupKeys().size(), "partial groups must arrive sorted by their keys: " + sql);
            return;
        }
        assertTrue(sortKeys >= merge.orderBy().size(), "the merge-sort needs each shard's rows in order: " + sql);
        if (merge.limit() >= 0) {
            assertTrue(limited, "each shard should be asked for at most offset + limit rows: " + sql);
        }
    }

    private static void checkShards(ShardMap map, List<String> shards) {
        Set<String> seen = new HashSet<>();
        for (String shard : shards) {
            assertTrue(map.shards().contains(shard), "unknown shard " + shard);
            assertTrue(seen.add(shard), "shard " + shard + " named twice in " + shards);
        }
        assertFalse(shards.isEmpty(), "a route to no shard");
    }

    private static int rowCount(Statement statement) {
        Values values = switch (statement) {
            case Insert i -> i.getValues();
            case Upsert u -> u.getValues();
            default -> null;
        };
        if (values == null) {
            fail("not an INSERT/REPLACE with VALUES: " + statement);
        }
        var list = values.getExpressions();
        return !list.isEmpty() && list.get(0) instanceof ParenthesedExpressionList<?> ? list.size() : 1;
    }

    /** Parses as the router does, so that SQL the proxy made up is SQL the parser (and a server) reads. */
    static Statement parse(String sql) {
        try {
            return CCJSqlParserUtil.newParser(sql)
                    .withDialect(AbstractJSqlParser.Dialect.MARIADB)
                    .withBackslashEscapeCharacter(true)
                    .withHashLineComments(true)
                    .withSquareBracketQuotation(false)
                    .withAllowComplexParsing(true)
                    .Statement();
        } catch (Exception e) {
            return fail("SQL produced by the proxy does not parse: " + sql + " (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }
}
