package io.shardwire.router.route;

import io.shardwire.shardmap.KeyType;
import io.shardwire.shardmap.TableRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.update.UpdateSet;

/**
 * Single-table UPDATE and DELETE. By key: one shard. Otherwise every shard of the table, same statement,
 * affected rows summed (each row lives on exactly one shard). ORDER BY/LIMIT across shards (and LIMIT on a
 * broadcast table, whose copies could each pick other rows), multi-table forms over sharded tables and
 * updates of the shard key are refused; subqueries must read broadcast tables or the one shard written.
 */
final class ModifyRouter {
    private final RoutingContext context;
    private final StatementRouter router;

    ModifyRouter(RoutingContext context, StatementRouter router) {
        this.context = context;
        this.router = router;
    }

    Route update(String sql, Update update) {
        boolean multiTable = (update.getJoins() != null && !update.getJoins().isEmpty())
                || (update.getStartJoins() != null && !update.getStartJoins().isEmpty());
        TableRef table = ref(update.getTable());
        List<String> assigned = new ArrayList<>();
        for (UpdateSet set : update.getUpdateSets()) {
            for (Column c : set.getColumns()) {
                assigned.add(c.getColumnName().replace("`", ""));
            }
        }
        if (table.sharded()) {
            String key = table.rule().flatMap(TableRule::key).orElseThrow();
            if (assigned.stream().anyMatch(key::equalsIgnoreCase)) {
                throw RouteException.unsupported("an UPDATE of the shard key " + key + " of " + table.table()
                        + ": the row would have to move to another shard; delete and re-insert it instead");
            }
        }
        if (multiTable) {
            throw RouteException.unsupported("a multi-table UPDATE over sharded or broadcast tables");
        }
        return route(sql, table, update.getWhere(), update.getLimit() != null, update.getOrderByElements() != null,
                "an UPDATE of " + table.table());
    }

    Route delete(String sql, Delete delete) {
        boolean multiTable = (delete.getTables() != null && !delete.getTables().isEmpty())
                || (delete.getJoins() != null && !delete.getJoins().isEmpty())
                || (delete.getUsingList() != null && !delete.getUsingList().isEmpty());
        TableRef table = ref(delete.getTable());
        if (multiTable) {
            throw RouteException.unsupported("a multi-table DELETE over sharded or broadcast tables");
        }
        return route(sql, table, delete.getWhere(), delete.getLimit() != null, delete.getOrderByElements() != null,
                "a DELETE from " + table.table());
    }

    private TableRef ref(Table t) {
        return context.table(t.getSchemaName(), t.getName(), t.getAlias() == null ? null : t.getAlias().getName());
    }

    private Route route(String sql, TableRef table, Expression where, boolean limited, boolean ordered, String what) {
        Route route = target(sql, table, where, limited, ordered, what);
        Returning.check(sql, route, what);
        if (SubquerySpans.hasSubquery(sql)) {
            List<String> shards = switch (route) {
                case Route.Single s -> List.of(s.shard());
                case Route.Fanout f -> f.statements().stream().map(Route.ShardSql::shard).toList();
                case Route.Scatter s -> s.shards();
            };
            WriteSubqueries.check(router, sql, shards, what);
        }
        return route;
    }

    private Route target(String sql, TableRef table, Expression where, boolean limited, boolean ordered, String what) {
        long version = context.map().version();
        if (table.rule().isEmpty()) {
            return new Route.Single(version, Route.Variant.DEFAULT_SHARD, context.defaultShard(table.database()), sql);
        }
        TableRule rule = table.rule().get();
        if (rule instanceof TableRule.Broadcast b) {
            if (limited) {
                // each copy could pick other rows (and report the same count): the copies would silently diverge
                throw RouteException.unsupported(what + " with LIMIT: " + table.table() + " is a broadcast table, and each copy"
                        + " could pick other rows; select the rows by a unique key instead");
            }
            return InsertRouter.fanout(version, Route.Variant.BROADCAST_WRITE, sql, b.shards());
        }
        KeyType keyType = context.keyType(table);
        KeyConstraint constraint = new KeyAnalyzer(table, rule.key().orElseThrow(), keyType, true, context.trace()).analyze(where);
        Set<String> shards = ShardResolver.shards(rule, keyType, constraint);
        context.trace().lookup(table, rule, keyType, constraint, shards);
        if (shards.size() == 1) {
            return new Route.Single(version, Route.Variant.KEYED, shards.iterator().next(), sql);
        }
        if (limited || ordered) {
            throw RouteException.unsupported(what + " with ORDER BY or LIMIT that is not pinned to one shard by the shard key "
                    + rule.key().orElseThrow() + ": the limit would apply per shard");
        }
        Route.Variant variant = shards.size() == rule.shards().size() ? Route.Variant.SCATTER : Route.Variant.SUBSET;
        return InsertRouter.fanout(version, variant, sql, new ArrayList<>(shards));
    }
}
