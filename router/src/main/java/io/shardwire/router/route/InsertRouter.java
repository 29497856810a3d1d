package io.shardwire.router.route;

import io.shardwire.router.sql.SqlTokenizer;
import io.shardwire.router.sql.Token;
import io.shardwire.shardmap.KeyType;
import io.shardwire.shardmap.TableRule;
import io.shardwire.shardmap.ValueType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.ParenthesedExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.Values;
import net.sf.jsqlparser.statement.update.UpdateSet;

/**
 * INSERT and REPLACE. A multi-row VALUES list is split into one statement per shard; the per-shard text is
 * cut from the original SQL (prefix, that shard's row tuples, suffix), so nothing is re-serialised. Every
 * row must carry a literal, non-NULL shard key.
 */
final class InsertRouter {
    private final RoutingContext context;
    private final StatementRouter router;

    InsertRouter(RoutingContext context, StatementRouter router) {
        this.context = context;
        this.router = router;
    }

    Route route(String sql, Insert insert) {
        TableRef table = context.table(insert.getTable().getSchemaName(), insert.getTable().getName(), null);
        Select source = insert.getSelect();
        if (source != null && !(source instanceof Values)) {
            return insertSelect(sql, table, source, context.map().version());
        }
        Route route = valuesRoute(sql, insert, table);
        Returning.check(sql, route, "an INSERT into " + table.table());
        if (SubquerySpans.hasSubquery(sql)) {
            WriteSubqueries.check(router, sql, shardsOf(route), "an INSERT into " + table.table());
        }
        return route;
    }

    private static List<String> shardsOf(Route route) {
        return switch (route) {
            case Route.Single s -> List.of(s.shard());
            case Route.Fanout f -> f.statements().stream().map(Route.ShardSql::shard).toList();
            case Route.Scatter s -> s.shards();
        };
    }

    /** INSERT ... VALUES and INSERT ... SET: each row where its key says. */
    private Route valuesRoute(String sql, Insert insert, TableRef table) {
        long version = context.map().version();
        if (table.rule().isEmpty()) {
            return new Route.Single(version, Route.Variant.DEFAULT_SHARD, context.defaultShard(table.database()), sql);
        }
        TableRule rule = table.rule().get();
        if (rule instanceof TableRule.Broadcast b) {
            return fanout(version, Route.Variant.BROADCAST_WRITE, sql, b.shards());
        }
        String key = rule.key().orElseThrow();
        checkDuplicateUpdate(insert, key, table);
        KeyType keyType = context.keyType(table);
        if (insert.getSetUpdateSets() != null && !insert.getSetUpdateSets().isEmpty()) {
            return insertSet(sql, insert, table, rule, key, keyType, version);
        }
        List<ExpressionList<?>> rows = rows(insert);
        int keyIndex = keyIndex(insert, table, key);
        List<String> shards = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            ExpressionList<?> row = rows.get(r);
            if (keyIndex >= row.size()) {
                throw RouteException.unsupported("row " + (r + 1) + " of the INSERT into " + table.table() + " has no value for the shard key " + key);
            }
            Expression keyValue = (Expression) row.get(keyIndex);
            String value = approximateNumberIntoString(keyValue, keyType) ? null : Literals.valueOf(keyValue);
            if (value == null) {
                throw RouteException.unsupported("row " + (r + 1) + " of the INSERT into " + table.table()
                        + ": the shard key " + key + " must be a literal value, not " + row.get(keyIndex));
            }
            if (value == Literals.NULL) {
                throw RouteException.unsupported("row " + (r + 1) + " of the INSERT into " + table.table()
                        + ": the shard key " + key + " is NULL; every row of a sharded table needs a key");
            }
            try {
                shards.add(ShardResolver.shardFor(rule, value, keyType));
                context.trace().insertKey(table, rule, keyType, value, shards.get(shards.size() - 1));
            } catch (IllegalArgumentException e) {
                throw RouteException.unsupported("row " + (r + 1) + " of the INSERT into " + table.table()
                        + ": the shard key value " + value + " is not a valid " + keyType.valueType() + " (" + e.getMessage() + ")");
            }
        }
        if (shards.stream().distinct().count() == 1) {
            return new Route.Single(version, Route.Variant.KEYED, shards.get(0), sql);
        }
        return split(sql, shards, version);
    }

    private Route insertSelect(String sql, TableRef table, Select source, long version) {
        Route sourceRoute = router.routeSelect(source.toString(), source);
        if (table.rule().isEmpty() && sourceRoute instanceof Route.Single s
                && s.shard().equals(context.defaultShard(table.database())) && s.variant() != Route.Variant.KEYED) {
            return new Route.Single(version, Route.Variant.DEFAULT_SHARD, s.shard(), sql);
        }
        if (table.broadcast() && sourceRoute instanceof Route.Single s && s.variant() == Route.Variant.BROADCAST_READ) {
            return fanout(version, Route.Variant.BROADCAST_WRITE, sql, table.rule().get().shards());
        }
        throw RouteException.unsupported("INSERT ... SELECT into " + table.table()
                + " when the rows would have to move between shards");
    }

    private Route insertSet(String sql, Insert insert, TableRef table, TableRule rule, String key, KeyType keyType, long version) {
        for (UpdateSet set : insert.getSetUpdateSets()) {
            for (int i = 0; i < set.getColumns().size(); i++) {
                if (set.getColumns().get(i).getColumnName().replace("`", "").equalsIgnoreCase(key)) {
                    Expression keyValue = set.getValues().get(i);
                    String value = approximateNumberIntoString(keyValue, keyType) ? null : Literals.valueOf(keyValue);
                    if (value == null || value == Literals.NULL) {
                        throw RouteException.unsupported("INSERT ... SET into " + table.table() + ": the shard key " + key
                                + " must be a non-NULL literal");
                    }
                    try {
                        String shard = ShardResolver.shardFor(rule, value, keyType);
                        context.trace().insertKey(table, rule, keyType, value, shard);
                        return new Route.Single(version, Route.Variant.KEYED, shard, sql);
                    } catch (IllegalArgumentException e) {
                        throw RouteException.unsupported("INSERT ... SET into " + table.table() + ": the shard key value " + value
                                + " is not a valid " + keyType.valueType() + " (" + e.getMessage() + ")");
                    }
                }
            }
        }
        throw RouteException.unsupported("INSERT into " + table.table() + " without a value for the shard key " + key);
    }

    /**
     * MySQL stores the number 4.2e1 into a string column as '42': the literal's text is not the stored value,
     * so it cannot be hashed as written.
     */
    private static boolean approximateNumberIntoString(Expression value, KeyType keyType) {
        Expression number = value instanceof SignedExpression s ? s.getExpression() : value;
        return keyType.valueType() == ValueType.STRING && number instanceof DoubleValue d
                && d.toString().toLowerCase(Locale.ROOT).contains("e");
    }

    private static void checkDuplicateUpdate(Insert insert, String key, TableRef table) {
        if (insert.getDuplicateUpdateSets() == null) {
            return;
        }
        for (UpdateSet set : insert.getDuplicateUpdateSets()) {
            for (Column c : set.getColumns()) {
                if (c.getColumnName().replace("`", "").equalsIgnoreCase(key)) {
                    throw RouteException.unsupported("ON DUPLICATE KEY UPDATE of the shard key " + key + " of " + table.table()
                            + ": the row would have to move to another shard");
                }
            }
        }
    }

    private static List<ExpressionList<?>> rows(Insert insert) {
        Values values = insert.getValues();
        if (values == null) {
            throw RouteException.unsupported("this form of INSERT on a sharded table");
        }
        ExpressionList<?> list = values.getExpressions();
        List<ExpressionList<?>> rows = new ArrayList<>();
        boolean multiRow = !list.isEmpty() && list.get(0) instanceof ParenthesedExpressionList<?>;
        if (multiRow) {
            for (Object row : list) {
                rows.add((ExpressionList<?>) row);
            }
        } else {
            rows.add(list);
        }
        return rows;
    }

    private int keyIndex(Insert insert, TableRef table, String key) {
        List<String> columns = new ArrayList<>();
        if (insert.getColumns() != null && !insert.getColumns().isEmpty()) {
            for (Column c : insert.getColumns()) {
                columns.add(c.getColumnName().replace("`", ""));
            }
        } else {
            columns.addAll(context.schemas().columns(table.database(), table.table()));
            if (columns.isEmpty()) {
                throw RouteException.unsupported("INSERT without a column list into " + table.table()
                        + ": its columns are not known yet; name the columns");
            }
        }
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).equalsIgnoreCase(key)) {
                return i;
            }
        }
        throw RouteException.unsupported("INSERT into " + table.table() + " without a value for the shard key " + key);
    }

    /** One statement per shard, each with that shard's row tuples cut from the original text. */
    static Route split(String sql, List<String> rowShards, long version) {
        List<Token> tokens = SqlTokenizer.tokenize(sql);
        int valuesAt = valuesKeyword(tokens);
        List<int[]> tuples = new ArrayList<>();
        int i = valuesAt + 1;
        while (valuesAt >= 0 && i < tokens.size() && tokens.get(i).isSymbol("(")) {
            int start = tokens.get(i).start();
            int d = 0;
            int j = i;
            for (; j < tokens.size(); j++) {
                if (tokens.get(j).isSymbol("(")) {
                    d++;
                } else if (tokens.get(j).isSymbol(")") && --d == 0) {
                    break;
                }
            }
            tuples.add(new int[] {start, tokens.get(j).end()});
            i = j + 1;
            if (i < tokens.size() && tokens.get(i).isSymbol(",")) {
                i++;
            } else {
                break;
            }
        }
        if (tuples.size() != rowShards.size()) {
            throw RouteException.unsupported("splitting this multi-row INSERT by shard (found " + tuples.size()
                    + " row tuples for " + rowShards.size() + " rows)");
        }
        String prefix = sql.substring(0, tuples.get(0)[0]);
        String suffix = sql.substring(tuples.get(tuples.size() - 1)[1]);
        Map<String, StringBuilder> byShard = new LinkedHashMap<>();
        for (int r = 0; r < tuples.size(); r++) {
            StringBuilder b = byShard.computeIfAbsent(rowShards.get(r), s -> new StringBuilder(prefix));
            if (b.length() > prefix.length()) {
                b.append(", ");
            }
            b.append(sql, tuples.get(r)[0], tuples.get(r)[1]);
        }
        List<Route.ShardSql> statements = new ArrayList<>();
        byShard.forEach((shard, b) -> statements.add(new Route.ShardSql(shard, b.append(suffix).toString())));
        return new Route.Fanout(version, Route.Variant.INSERT_SPLIT, statements);
    }

    /** The index of the top-level VALUES (or VALUE) keyword of an INSERT, or -1. */
    static int valuesKeyword(List<Token> tokens) {
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            } else if (depth == 0 && (t.isWord("VALUES") || t.isWord("VALUE"))) {
                return i;
            }
        }
        return -1;
    }

    static Route fanout(long version, Route.Variant variant, String sql, List<String> shards) {
        List<Route.ShardSql> statements = new ArrayList<>();
        for (String shard : shards) {
            statements.add(new Route.ShardSql(shard, sql));
        }
        return new Route.Fanout(version, variant, statements);
    }
}
