package io.shardwire.router.plan;

import io.shardwire.router.plan.MergeSpec.AggregateColumn;
import io.shardwire.router.plan.MergeSpec.ColumnRef;
import io.shardwire.router.plan.MergeSpec.Function;
import io.shardwire.router.plan.MergeSpec.SortKey;
import io.shardwire.router.route.Route;
import io.shardwire.router.route.RouteException;
import io.shardwire.router.sql.SqlTokenizer;
import io.shardwire.router.sql.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.AllColumns;
import net.sf.jsqlparser.statement.select.Limit;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.SelectItem;
import net.sf.jsqlparser.statement.select.SetOperationList;

/**
 * Turns a scatter SELECT into per-shard SQL plus a {@link MergeSpec}, Vitess style: LIMIT n OFFSET m becomes
 * LIMIT m+n on each shard and the offset is applied once after merging; AVG(x) becomes SUM(x) and a derived
 * COUNT(x); ORDER BY and GROUP BY expressions missing from the select list become derived columns; grouped
 * queries are sorted by their group keys on each shard so partial groups merge in one pass; HAVING moves
 * to the proxy. The statement text is edited clause by clause, never re-printed. What cannot be merged
 * exactly is refused.
 */
public final class ScatterRewriter {
    private static final Set<String> AGGREGATES = Set.of("COUNT", "SUM", "MIN", "MAX", "AVG");
    private static final Set<String> REFUSED_FUNCTIONS = Set.of("GROUP_CONCAT", "JSON_ARRAYAGG", "JSON_OBJECTAGG",
            "STD", "STDDEV", "STDDEV_POP", "STDDEV_SAMP", "VARIANCE", "VAR_POP", "VAR_SAMP", "BIT_AND", "BIT_OR",
            "BIT_XOR", "FOUND_ROWS", "RAND", "UUID");

    private ScatterRewriter() {
    }

    public static ScatterPlan rewrite(Route.Scatter route) {
        checkTokens(route.sql());
        MergeSpec merge;
        String shardSql;
        switch (route.select()) {
            case PlainSelect plain -> {
                PlainRewrite rewrite = new PlainRewrite(route.sql(), plain);
                merge = rewrite.merge();
                shardSql = rewrite.shardSql();
            }
            case SetOperationList union -> {
                merge = unionMerge(union);
                shardSql = unionShardSql(route.sql(), union, merge);
            }
            default -> throw RouteException.unsupported("this form of SELECT across shards");
        }
        List<Route.ShardSql> queries = new ArrayList<>();
        for (String shard : route.shards()) {
            queries.add(new Route.ShardSql(shard, shardSql));
        }
        return new ScatterPlan(route.mapVersion(), queries, merge);
    }

    /** Functions and clauses whose result over several shards is not the merge of per-shard results. */
    private static void checkTokens(String sql) {
        List<Token> tokens = SqlTokenizer.tokenize(sql);
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isWord("OVER") && i + 1 < tokens.size() && (tokens.get(i + 1).isSymbol("(") || tokens.get(i + 1).isName())) {
                throw RouteException.unsupported("window functions (OVER) in a query across shards");
            }
            if (t.isWord("INTO")) {
                // SELECT ... INTO @var / OUTFILE would assign or write one shard's partial result on each backend
                throw RouteException.unsupported("SELECT ... INTO in a query across shards");
            }
            if (t.isWord("SQL_CALC_FOUND_ROWS")) {
                throw RouteException.unsupported("SQL_CALC_FOUND_ROWS in a query across shards");
            }
            if (t.isWord("ROLLUP")) {
                throw RouteException.unsupported("WITH ROLLUP in a query across shards");
            }
            if (t.type() == io.shardwire.router.sql.TokenType.WORD && i + 1 < tokens.size() && tokens.get(i + 1).isSymbol("(")
                    && REFUSED_FUNCTIONS.contains(t.text().toUpperCase(Locale.ROOT))) {
                throw RouteException.unsupported(t.text().toUpperCase(Locale.ROOT) + "() in a query across shards");
            }
        }
    }

    /** Offset and row count of a LIMIT clause; -1 count when absent. */
    static long[] limitOf(Limit limit, net.sf.jsqlparser.statement.select.Offset offsetClause) {
        long offset = 0;
        long count = -1;
        if (limit != null) {
            if (limit.getRowCount() != null) {
                count = literal(limit.getRowCount(), "LIMIT");
            }
            if (limit.getOffset() != null) {
                offset = literal(limit.getOffset(), "LIMIT offset");
            }
        }
        if (offsetClause != null && offsetClause.getOffset() != null) {
            offset = literal(offsetClause.getOffset(), "OFFSET");
        }
        return new long[] {offset, count};
    }

    private static long literal(Expression e, String what) {
        if (e instanceof LongValue l) {
            return l.getValue();
        }
        if (e instanceof net.sf.jsqlparser.expression.NullValue) {
            return -1;
        }
        throw RouteException.unsupported(what + " that is not a number (" + e + ") in a query across shards");
    }

    static String limitClause(long offset, long count) {
        return count < 0 ? "" : " LIMIT " + (offset + count);
    }

    // ---- UNION ----

    private static MergeSpec unionMerge(SetOperationList union) {
        boolean distinct = false;
        boolean allAfterDistinct = false;
        for (var op : union.getOperations()) {
            String text = op.toString().toUpperCase(Locale.ROOT);
            if (!text.startsWith("UNION")) {
                throw RouteException.unsupported(text + " across shards");
            }
            boolean all = text.contains("ALL");
            if (!all) {
                distinct = true;
                allAfterDistinct = false;
            } else if (distinct) {
                allAfterDistinct = true;
            }
        }
        if (allAfterDistinct) {
            throw RouteException.unsupported("UNION ALL after UNION DISTINCT across shards");
        }
        for (var branch : union.getSelects()) {
            PlainSelect p = branch(branch);
            if (p.getGroupBy() != null || p.getLimit() != null || p.getOffset() != null || p.getDistinct() != null
                    || hasAggregate(p)) {
                throw RouteException.unsupported("a UNION across shards whose branches group, aggregate, limit or use DISTINCT");
            }
        }
        List<SortKey> keys = new ArrayList<>();
        if (union.getOrderByElements() != null) {
            PlainSelect first = branch(union.getSelects().get(0));
            for (OrderByElement o : union.getOrderByElements()) {
                int index = unionOrderIndex(o.getExpression(), first);
                keys.add(new SortKey(new ColumnRef(index, false), !o.isAsc()));
            }
        }
        long[] limit = limitOf(union.getLimit(), union.getOffset());
        return new MergeSpec(0, null, null, keys, distinct, limit[0], limit[1]);
    }

    /**
     * A UNION branch as a plain SELECT: {@code (SELECT ... LIMIT 5)} limits its branch like a LIMIT written
     * without parentheses, so it must be seen through.
     */
    private static PlainSelect branch(Select branch) {
        Select b = branch;
        while (b instanceof ParenthesedSelect p) {
            if (p.getLimit() != null || p.getOffset() != null) {
                throw RouteException.unsupported("a UNION across shards whose branches group, aggregate, limit or use DISTINCT");
            }
            b = p.getSelect();
        }
        if (b instanceof PlainSelect plain) {
            return plain;
        }
        throw RouteException.unsupported("a nested set operation (" + b.getClass().getSimpleName() + ") in a UNION across shards");
    }

    private static int unionOrderIndex(Expression e, PlainSelect first) {
        if (e instanceof LongValue l) {
            return (int) l.getValue() - 1;
        }
        if (first != null && e instanceof Column c && c.getTable() == null) {
            // a UNION's result columns are named by the first SELECT: its aliases, else its column names
            List<SelectItem<?>> items = first.getSelectItems();
            for (int i = 0; i < items.size(); i++) {
                SelectItem<?> item = items.get(i);
                String name = item.getAlias() != null ? item.getAlias().getName()
                        : item.getExpression() instanceof Column ic ? ic.getColumnName() : null;
                if (name != null && PlainRewrite.sameName(name, c.getColumnName())) {
                    return i;
                }
            }
        }
        throw RouteException.unsupported("ORDER BY " + e + " on a UNION across shards: order by a column of the select list");
    }

    private static String unionShardSql(String sql, SetOperationList union, MergeSpec merge) {
        if (union.getLimit() == null && union.getOffset() == null) {
            return sql;
        }
        List<Token> tokens = SqlTokenizer.tokenize(sql);
        int depth = 0;
        int limitAt = -1;
        for (Token t : tokens) {
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            } else if (depth == 0 && (t.isWord("LIMIT") || (t.isWord("OFFSET") && limitAt < 0))) {
                limitAt = t.start();
            }
        }
        if (limitAt < 0) {
            throw RouteException.unsupported("this LIMIT on a UNION across shards");
        }
        return sql.substring(0, SelectText.endOfTokensBefore(tokens, limitAt)) + limitClause(merge.offset(), merge.limit());
    }

    static boolean hasAggregate(PlainSelect p) {
        for (SelectItem<?> item : p.getSelectItems()) {
            if (PlainRewrite.containsAggregate(item.getExpression())) {
                return true;
            }
        }
        return false;
    }

    static boolean isAggregate(Expression e) {
        return e instanceof net.sf.jsqlparser.expression.Function f && AGGREGATES.contains(f.getName().toUpperCase(Locale.ROOT));
    }

    static boolean isStar(Expression e) {
        return e instanceof AllColumns;
    }

    static Function functionOf(String name) {
        return Function.valueOf(name.toUpperCase(Locale.ROOT));
    }

    static AggregateColumn groupKey(ColumnRef ref) {
        return new AggregateColumn(ref, Function.GROUP_KEY, null);
    }
}
