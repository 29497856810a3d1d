package io.shardwire.router.route;

import io.shardwire.router.sql.SqlTokenizer;
import io.shardwire.shardmap.KeyType;
import io.shardwire.shardmap.TableRule;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.FromItem;
import net.sf.jsqlparser.statement.select.Join;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SetOperationList;

/**
 * Routes SELECT statements. One shard when the tables are unsharded, broadcast, or sharded and pinned by
 * their key; several shards (scatter, for the rewriter to merge) otherwise. Joins of sharded tables must be
 * co-located and joined on their keys; subqueries over sharded tables must be correlated on the key or land
 * on the same single shard. Everything else that would need a cross-shard join is refused.
 */
final class SelectRouter {
    private final RoutingContext context;
    private final StatementRouter router;

    SelectRouter(RoutingContext context, StatementRouter router) {
        this.context = context;
        this.router = router;
    }

    /**
     * Where a SELECT's rows live.
     *
     * @param sharded the sharded tables read at the top level (empty when none)
     * @param correlated every sharded table is correlated with an outer table on the key (subqueries only)
     */
    record Target(Set<String> shards, Route.Variant variant, List<TableRef> sharded, boolean correlated) {
    }

    Route route(String sql, Select select) {
        Target target = target(sql, select, List.of());
        long version = context.map().version();
        if (target.shards().size() == 1) {
            return new Route.Single(version, target.variant(), target.shards().iterator().next(), sql);
        }
        return new Route.Scatter(version, target.variant(), new ArrayList<>(target.shards()), sql, select);
    }

    Target target(String sql, Select select, List<TableRef> outer) {
        if (select.getWithItemsList() != null && !select.getWithItemsList().isEmpty()) {
            throw RouteException.unsupported("WITH (common table expressions) over sharded or broadcast tables");
        }
        return switch (select) {
            case PlainSelect plain -> plain(sql, plain, outer);
            case SetOperationList union -> union(union, outer);
            case ParenthesedSelect p -> target(p.getSelect().toString(), p.getSelect(), outer);
            default -> throw RouteException.unsupported("this form of SELECT (" + select.getClass().getSimpleName()
                    + ") over sharded or broadcast tables");
        };
    }

    private Target plain(String sql, PlainSelect select, List<TableRef> outer) {
        FromClause from = from(select);
        List<TableRef> sharded = from.tables().stream().filter(TableRef::sharded).toList();
        Target target = sharded.isEmpty() ? unshardedTarget(from.tables()) : shardedTarget(from, sharded, outer);
        checkSubqueries(sql, target);
        return target;
    }

    /**
     * The tables of one SELECT level and its conditions. Every condition tells which tables are joined on their
     * keys ({@code links}), but only WHERE and the ON of inner joins restrict which rows exist ({@code filters}):
     * {@code customers c LEFT JOIN orders o ON o.customer_id = c.id AND c.id = 42} returns every customer.
     *
     * @param keptOnEveryShard the outer join that keeps every row of a side without sharded tables (a broadcast or
     *        derived table), or null: each shard would return those rows, matched or not
     */
    private record FromClause(List<TableRef> tables, List<Expression> links, List<Expression> filters, Join keptOnEveryShard) {
    }

    private FromClause from(PlainSelect select) {
        List<TableRef> tables = new ArrayList<>();
        List<Expression> links = new ArrayList<>();
        List<Expression> filters = new ArrayList<>();
        Join kept = null;
        addFromItem(select.getFromItem(), tables);
        for (Join join : select.getJoins() == null ? List.<Join>of() : select.getJoins()) {
            int before = tables.size();
            boolean shardedBefore = tables.stream().anyMatch(TableRef::sharded);
            addFromItem(join.getFromItem(), tables);
            boolean shardedAdded = tables.size() > before && tables.get(tables.size() - 1).sharded();
            boolean outerJoin = join.isLeft() || join.isRight() || join.isFull();
            if (((join.isLeft() || join.isFull()) && !shardedBefore && shardedAdded)
                    || ((join.isRight() || join.isFull()) && shardedBefore && !shardedAdded)) {
                kept = join;
            }
            List<Expression> on = new ArrayList<>();
            if (join.getOnExpressions() != null) {
                on.addAll(join.getOnExpressions());
            }
            if (join.getUsingColumns() != null && !join.getUsingColumns().isEmpty() && tables.size() >= 2) {
                for (Column c : join.getUsingColumns()) {
                    on.add(new EqualsTo(column(tables.get(tables.size() - 2), c.getColumnName()),
                            column(tables.get(tables.size() - 1), c.getColumnName())));
                }
            }
            links.addAll(on);
            if (!outerJoin) {
                filters.addAll(on);
            }
        }
        if (select.getWhere() != null) {
            links.add(select.getWhere());
            filters.add(select.getWhere());
        }
        return new FromClause(tables, links, filters, kept);
    }

    private void addFromItem(FromItem item, List<TableRef> tables) {
        switch (item) {
            case null -> { }
            case Table t -> tables.add(context.table(t.getSchemaName(), t.getName(),
                    t.getAlias() == null ? null : t.getAlias().getName()));
            case ParenthesedSelect p -> { } // a derived table: checked with the other subqueries
            default -> {
                if (router.mentionsRuleTable(item.toString())) {
                    throw RouteException.unsupported("this FROM item (" + item.getClass().getSimpleName()
                            + ") over sharded or broadcast tables");
                }
            }
        }
    }

    private static Column column(TableRef table, String name) {
        return new Column(new Table(table.alias() != null ? table.alias() : table.table()), name);
    }

    /** Only unsharded and broadcast tables: the default shard, or any copy when only broadcast tables are read. */
    private Target unshardedTarget(List<TableRef> tables) {
        Set<String> defaults = new LinkedHashSet<>();
        List<TableRef> broadcast = new ArrayList<>();
        for (TableRef t : tables) {
            if (t.broadcast()) {
                broadcast.add(t);
            } else {
                defaults.add(context.defaultShard(t.database()));
            }
        }
        if (defaults.size() > 1) {
            throw RouteException.unsupported("a join of unsharded tables that live on different default shards " + defaults);
        }
        Set<String> candidates = new LinkedHashSet<>(defaults.isEmpty() ? context.map().shards() : defaults);
        for (TableRef b : broadcast) {
            candidates.retainAll(b.rule().orElseThrow().shards());
        }
        if (candidates.isEmpty()) {
            throw RouteException.unsupported("a join of broadcast and unsharded tables with no shard holding all of them");
        }
        String preferred = context.defaultShard();
        String shard = candidates.contains(preferred) ? preferred : candidates.iterator().next();
        Route.Variant variant = defaults.isEmpty() && !broadcast.isEmpty() ? Route.Variant.BROADCAST_READ : Route.Variant.DEFAULT_SHARD;
        return new Target(new LinkedHashSet<>(List.of(shard)), variant, List.of(), false);
    }

    private Target shardedTarget(FromClause from, List<TableRef> sharded, List<TableRef> outer) {
        List<TableRef> tables = from.tables();
        checkJoinable(tables, sharded);
        TableRef primary = sharded.get(0);
        KeyType keyType = context.keyType(primary);
        Placement placement = Placement.of(primary.rule().orElseThrow(), keyType);
        List<EqualityLinks.Link> links = new ArrayList<>();
        for (Expression c : from.links()) {
            links.addAll(EqualityLinks.of(c));
        }
        // inside the subquery, a qualifier that names one of its own tables means that table, not the outer one
        List<TableRef> visibleOuter = outer.stream()
                .filter(o -> tables.stream().noneMatch(t -> t.answersTo(o.alias() != null ? o.alias() : o.table())))
                .toList();
        KeyConstraint constraint = KeyConstraint.ANY;
        boolean onlyTable = tables.size() == 1;
        boolean correlated = !visibleOuter.isEmpty();
        List<TableRef> keyJoined = keyJoined(links, sharded);
        for (TableRef t : sharded) {
            KeyType type = context.keyType(t);
            if (!Placement.of(t.rule().orElseThrow(), type).colocatedWith(placement)) {
                throw RouteException.unsupported("a join of sharded tables " + primary.table() + " and " + t.table()
                        + ", which are not co-located (different shard function, ranges or key type): a cross-shard join");
            }
            if (!keyJoined.contains(t)) {
                throw RouteException.unsupported("a join of sharded tables " + primary.table() + " and " + t.table()
                        + " that is not on their shard keys (" + key(primary) + " = " + key(t) + "): a cross-shard join");
            }
            correlated &= linked(links, t, visibleOuter);
            KeyAnalyzer analyzer = new KeyAnalyzer(t, key(t), type, onlyTable, context.trace());
            for (Expression c : from.filters()) {
                constraint = KeyConstraint.and(constraint, analyzer.analyze(c));
            }
        }
        Set<String> shards = ShardResolver.shards(primary.rule().orElseThrow(), keyType, constraint);
        context.trace().lookup(primary, primary.rule().orElseThrow(), keyType, constraint, shards);
        if (from.keptOnEveryShard() != null && shards.size() > 1) {
            throw RouteException.unsupported("an outer join (" + from.keptOnEveryShard() + ") that keeps every row of a side"
                    + " without sharded tables while reading sharded table " + primary.table() + " on several shards:"
                    + " each shard would return those rows; filter " + primary.table() + " by its shard key or query the tables separately");
        }
        Route.Variant variant = shards.size() == 1 ? Route.Variant.KEYED
                : shards.size() == primary.rule().orElseThrow().shards().size() ? Route.Variant.SCATTER : Route.Variant.SUBSET;
        return new Target(shards, variant, sharded, correlated);
    }

    /** Sharded tables join only sharded tables and broadcast tables with a copy wherever they live. */
    private void checkJoinable(List<TableRef> tables, List<TableRef> sharded) {
        TableRef primary = sharded.get(0);
        for (TableRef t : tables) {
            if (!t.sharded() && !t.broadcast()) {
                throw RouteException.unsupported("a join of sharded table " + primary.table()
                        + " with unsharded table " + t.table() + " (it lives only on shard "
                        + context.defaultShard(t.database()) + "); make it a broadcast table or query it separately");
            }
            if (t.broadcast() && !t.rule().orElseThrow().shards().containsAll(primary.rule().orElseThrow().shards())) {
                throw RouteException.unsupported("a join with broadcast table " + t.table() + ", which has no copy on every shard of "
                        + primary.table());
            }
        }
    }

    /**
     * The sharded tables whose keys equal the first one's, directly or through each other
     * ({@code c.id = o.customer_id AND o.customer_id = i.customer_id} joins c and i on their keys too). All of
     * them are checked to be co-located, so equal keys mean the same shard.
     */
    private static List<TableRef> keyJoined(List<EqualityLinks.Link> links, List<TableRef> sharded) {
        List<TableRef> joined = new ArrayList<>(List.of(sharded.get(0)));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (TableRef t : sharded) {
                if (!joined.contains(t) && linked(links, t, joined)) {
                    joined.add(t);
                    grew = true;
                }
            }
        }
        return joined;
    }

    /** True when some equality links {@code t}'s key with the key of one of {@code others}. */
    private static boolean linked(List<EqualityLinks.Link> links, TableRef t, List<TableRef> others) {
        for (EqualityLinks.Link link : links) {
            for (TableRef o : others) {
                if ((isKeyOf(link.left(), t) && isKeyOf(link.right(), o)) || (isKeyOf(link.right(), t) && isKeyOf(link.left(), o))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isKeyOf(Column c, TableRef t) {
        if (!t.sharded() || !c.getColumnName().replace("`", "").equalsIgnoreCase(key(t))) {
            return false;
        }
        return c.getTable() != null && c.getTable().getName() != null && t.answersTo(c.getTable().getFullyQualifiedName());
    }

    private static String key(TableRef t) {
        return t.rule().flatMap(TableRule::key).orElseThrow();
    }

    /**
     * Every subquery must be answerable where the outer query runs: broadcast-only subqueries anywhere,
     * unsharded ones only on their default shard, sharded ones when correlated on the key with a co-located
     * outer table, or when they land on the same single shard.
     */
    private void checkSubqueries(String sql, Target outer) {
        for (String span : SubquerySpans.of(sql)) {
            if (!router.mentionsRuleTable(span) && outer.sharded().isEmpty()
                    && context.otherDefaultShards(SqlTokenizer.tokenize(span)).isEmpty()) {
                continue; // the session database's unsharded tables: it runs where the outer query runs
            }
            Select sub = router.parseSelect(span);
            Target inner = target(span, sub, outer.sharded());
            boolean ok;
            if (inner.sharded().isEmpty()) {
                ok = inner.variant() == Route.Variant.BROADCAST_READ || outer.shards().equals(inner.shards());
            } else {
                ok = (inner.correlated() && colocated(inner, outer)) || (outer.shards().size() == 1 && outer.shards().equals(inner.shards()));
            }
            if (!ok) {
                throw RouteException.unsupported("a subquery over " + describe(inner) + " that is not correlated on the shard key"
                        + " with the outer query: it would need rows from other shards");
            }
        }
    }

    private boolean colocated(Target inner, Target outer) {
        if (outer.sharded().isEmpty()) {
            return false;
        }
        TableRef o = outer.sharded().get(0);
        Placement outerPlacement = Placement.of(o.rule().orElseThrow(), context.keyType(o));
        for (TableRef t : inner.sharded()) {
            if (!Placement.of(t.rule().orElseThrow(), context.keyType(t)).colocatedWith(outerPlacement)) {
                return false;
            }
        }
        return true;
    }

    private static String describe(Target t) {
        return t.sharded().isEmpty() ? "unsharded tables" : "sharded table " + t.sharded().get(0).table();
    }

    /**
     * UNION [ALL]: one shard when every branch lands on the same one; otherwise every branch must read only
     * sharded tables with plain filters, so that the union of per-shard unions is the whole union.
     */
    private Target union(SetOperationList union, List<TableRef> outer) {
        Set<String> shards = new LinkedHashSet<>();
        List<TableRef> sharded = new ArrayList<>();
        List<Target> branches = new ArrayList<>();
        for (Select branch : union.getSelects()) {
            Target t = target(branch.toString(), branch, outer);
            branches.add(t);
            shards.addAll(t.shards());
            sharded.addAll(t.sharded());
        }
        if (shards.size() == 1) {
            Route.Variant variant = sharded.isEmpty() ? branches.get(0).variant() : Route.Variant.KEYED;
            return new Target(shards, variant, sharded, false);
        }
        if (sharded.isEmpty()) {
            throw RouteException.unsupported("a UNION of unsharded tables that live on different default shards " + shards);
        }
        for (int i = 0; i < branches.size(); i++) {
            if (branches.get(i).sharded().isEmpty()) {
                throw RouteException.unsupported("a UNION across shards with a branch over unsharded or broadcast tables only"
                        + " (its rows would repeat once per shard)");
            }
        }
        Set<String> all = new LinkedHashSet<>();
        for (TableRef t : sharded) {
            all.addAll(t.rule().orElseThrow().shards());
        }
        for (TableRef t : sharded) {
            if (!new LinkedHashSet<>(t.rule().orElseThrow().shards()).equals(all)) {
                throw RouteException.unsupported("a UNION across shards of tables that live on different shards (" + t.table()
                        + " on " + t.rule().orElseThrow().shards() + ", the UNION on " + all + "): every shard runs every branch");
            }
        }
        return new Target(all, Route.Variant.SCATTER, sharded, false);
    }
}
