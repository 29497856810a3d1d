package io.shardwire.router.plan;

import io.shardwire.router.plan.MergeSpec.AggregateColumn;
import io.shardwire.router.plan.MergeSpec.ColumnRef;
import io.shardwire.router.plan.MergeSpec.Condition;
import io.shardwire.router.plan.MergeSpec.Function;
import io.shardwire.router.plan.MergeSpec.SortKey;
import io.shardwire.router.route.Literals;
import io.shardwire.router.route.RouteException;
import io.shardwire.router.sql.SqlTokenizer;
import io.shardwire.router.sql.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.ComparisonOperator;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.statement.select.AllTableColumns;
import net.sf.jsqlparser.statement.select.OrderByElement;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.SelectItem;

/**
 * The rewrite of one scatter {@code PlainSelect}; see {@link ScatterRewriter}. Built once, read through
 * {@link #shardSql()} and {@link #merge()}.
 */
final class PlainRewrite {
    private final String sql;
    private final PlainSelect select;
    private final SelectText text;
    private final List<SelectItem<?>> items;
    private final boolean star;
    /** The select list sent to the shards: the client's items (rewritten) then {@link #derivedItems}. */
    private final List<String> shardItems = new ArrayList<>();
    /** Columns appended after every client item, for sorting and aggregation. */
    private final List<String> derivedItems = new ArrayList<>();
    /** Expressions (as text) of the shard items, for matching ORDER BY / GROUP BY / HAVING. */
    private final List<String> itemExpressions = new ArrayList<>();
    private final List<String> itemNames = new ArrayList<>();
    private final List<String> derivedExpressions = new ArrayList<>();
    private final List<AggregateColumn> aggregateColumns = new ArrayList<>();
    private int derived;
    private final boolean aggregating;
    private final List<ColumnRef> groupKeys = new ArrayList<>();
    private final List<String> groupKeyTexts = new ArrayList<>();
    private final List<SortKey> orderBy = new ArrayList<>();
    private final Condition having;
    private final long offset;
    private final long limit;

    PlainRewrite(String sql, PlainSelect select) {
        this.sql = sql;
        this.select = select;
        this.text = SelectText.of(sql);
        this.items = select.getSelectItems();
        if (select.getIntoTables() != null) {
            throw RouteException.unsupported("SELECT ... INTO across shards");
        }
        if (select.getFetch() != null || select.getTop() != null) {
            throw RouteException.unsupported("FETCH/TOP in a query across shards");
        }
        if (text.items.size() != items.size()) {
            throw RouteException.unsupported("this select list across shards (it could not be split into items)");
        }
        this.star = items.stream().anyMatch(i -> ScatterRewriter.isStar(i.getExpression()) || i.getExpression() instanceof AllTableColumns);
        this.aggregating = select.getGroupBy() != null || ScatterRewriter.hasAggregate(select);
        if (aggregating && star) {
            throw RouteException.unsupported("SELECT * together with aggregates or GROUP BY across shards");
        }
        if (aggregating && select.getDistinct() != null) {
            throw RouteException.unsupported("DISTINCT together with aggregates or GROUP BY across shards");
        }
        if (select.getDistinct() != null && select.getDistinct().getOnSelectItems() != null) {
            throw RouteException.unsupported("DISTINCT ON across shards");
        }
        long[] l = ScatterRewriter.limitOf(select.getLimit(), select.getOffset());
        this.offset = l[0];
        this.limit = l[1];
        for (int i = 0; i < items.size(); i++) {
            addItem(i);
        }
        if (select.getGroupBy() != null) {
            ExpressionList<?> groups = select.getGroupBy().getGroupByExpressionList();
            for (Object g : groups) {
                Expression e = (Expression) g;
                ColumnRef ref = e instanceof LongValue ordinal ? ordinal(ordinal, "GROUP BY") : find(e);
                if (ref != null && !(e instanceof LongValue) && aggregates(ref)) {
                    // SELECT COUNT(*) AS status ... GROUP BY status groups by the column status (MySQL resolves
                    // GROUP BY in the FROM tables first), never by an aggregate
                    ref = null;
                }
                if (ref == null) {
                    ref = derive(e.toString(), e.toString(), ScatterRewriter.groupKey(null));
                }
                groupKeys.add(ref);
                groupKeyTexts.add(e.toString());
                markGroupKey(ref);
            }
        }
        if (select.getOrderByElements() != null) {
            for (OrderByElement o : select.getOrderByElements()) {
                if (o.getNullOrdering() != null) {
                    throw RouteException.unsupported("NULLS FIRST/LAST across shards");
                }
                orderBy.add(new SortKey(orderRef(o.getExpression()), !o.isAsc()));
            }
            if (select.getDistinct() != null && derived > 0) {
                // each shard's DISTINCT would run over the sort column too: its LIMIT could fill up with
                // duplicates of one visible row, and MySQL itself refuses this ORDER BY
                throw RouteException.unsupported("SELECT DISTINCT ... ORDER BY a column that is not selected, across shards;"
                        + " select the column or order by a selected one");
            }
        }
        // without aggregation HAVING filters single rows: the shards apply it, before their LIMIT
        this.having = select.getHaving() == null || !aggregating ? null : condition(select.getHaving());
    }

    private void addItem(int i) {
        SelectItem<?> item = items.get(i);
        Expression e = item.getExpression();
        String original = text.item(i);
        String name = item.getAlias() != null ? unquote(item.getAlias().getName()) : original.strip();
        String expression = item.getAlias() == null ? original.strip() : e.toString();
        if (ScatterRewriter.isAggregate(e)) {
            net.sf.jsqlparser.expression.Function f = (net.sf.jsqlparser.expression.Function) e;
            if (f.isDistinct() || f.isUnique()) {
                throw RouteException.unsupported(f.getName().toUpperCase(Locale.ROOT) + "(DISTINCT ...) across shards");
            }
            Function function = ScatterRewriter.functionOf(f.getName());
            ColumnRef ref = new ColumnRef(shardItems.size(), false);
            if (function == Function.AVG) {
                String arguments = argumentsText(expression);
                shardItems.add("SUM(" + arguments + ") AS " + quote(name));
                itemExpressions.add(expression);
                itemNames.add(name);
                ColumnRef count = derive("COUNT(" + arguments + ")", null, null);
                aggregateColumns.add(i, new AggregateColumn(ref, Function.AVG, count));
                return;
            }
            shardItems.add(original.strip());
            itemExpressions.add(expression);
            itemNames.add(name);
            aggregateColumns.add(i, new AggregateColumn(ref, function, null));
            return;
        }
        if (containsAggregate(e)) {
            throw RouteException.unsupported("an expression over aggregates (" + original.strip() + ") across shards;"
                    + " select the aggregates themselves");
        }
        shardItems.add(original.strip());
        itemExpressions.add(expression);
        itemNames.add(name);
        if (aggregating) {
            aggregateColumns.add(i, new AggregateColumn(new ColumnRef(i, false), Function.ANY_VALUE, null));
        }
    }

    /** Appends a derived shard column (after all the client's items) and returns its reference. */
    private ColumnRef derive(String expression, String matchText, AggregateColumn template) {
        int index = items.size() + derivedItems.size();
        derivedItems.add(expression);
        derivedExpressions.add(matchText == null ? expression : matchText);
        // after a *, positions are unknown until the rows arrive: the k-th derived column is found from the end
        ColumnRef ref = star ? new ColumnRef(derived, true) : new ColumnRef(index, false);
        derived++;
        if (aggregating) {
            Function function = template == null ? Function.ANY_VALUE : template.function();
            aggregateColumns.add(new AggregateColumn(ref, function, null));
        }
        return ref;
    }

    private boolean aggregates(ColumnRef ref) {
        return aggregating && ref.index() < aggregateColumns.size()
                && aggregateColumns.get(ref.index()).function() != Function.ANY_VALUE
                && aggregateColumns.get(ref.index()).function() != Function.GROUP_KEY;
    }

    private void markGroupKey(ColumnRef ref) {
        for (int i = 0; i < aggregateColumns.size(); i++) {
            if (aggregateColumns.get(i).column().equals(ref)) {
                aggregateColumns.set(i, ScatterRewriter.groupKey(ref));
            }
        }
    }

    /**
     * {@code GROUP BY 2} / {@code ORDER BY 2}: the second select column (not the constant 2, which as a derived
     * group key would merge every group into one).
     */
    private ColumnRef ordinal(LongValue l, String clause) {
        int index = (int) l.getValue() - 1;
        if (index < 0 || (!star && index >= items.size())) {
            throw RouteException.unsupported(clause + " " + l.getValue() + ": there is no such column");
        }
        return new ColumnRef(index, false);
    }

    /** An ORDER BY expression as a column of the shard rows: ordinal, alias, same expression, or derived. */
    private ColumnRef orderRef(Expression e) {
        if (e instanceof LongValue l) {
            return ordinal(l, "ORDER BY");
        }
        ColumnRef found = star ? null : alias(e);
        if (found == null && !star) {
            found = find(e);
        }
        if (found != null) {
            return found;
        }
        if (aggregating && !ScatterRewriter.isAggregate(e) && !groupKeyTexts.contains(e.toString())) {
            throw RouteException.unsupported("ORDER BY " + e + " in a grouped query across shards: order by a group key,"
                    + " an aggregate or a selected column");
        }
        if (ScatterRewriter.isAggregate(e)) {
            net.sf.jsqlparser.expression.Function f = (net.sf.jsqlparser.expression.Function) e;
            Function function = ScatterRewriter.functionOf(f.getName());
            if (function == Function.AVG || f.isDistinct()) {
                throw RouteException.unsupported("ORDER BY " + e + " across shards: select it and order by its alias");
            }
            return derive(e.toString(), e.toString(), new AggregateColumn(null, function, null));
        }
        return derive(e.toString(), e.toString(), null);
    }

    /**
     * The select item whose alias an unqualified name is. ORDER BY resolves select aliases before the columns of
     * the tables (MySQL manual, SELECT): in {@code SELECT id AS name, name AS id ... ORDER BY id}, id is the
     * second item. (GROUP BY and HAVING resolve table columns first, hence {@link #find}.)
     */
    private ColumnRef alias(Expression e) {
        if (e instanceof Column c && c.getTable() == null) {
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).getAlias() != null && sameName(items.get(i).getAlias().getName(), c.getColumnName())) {
                    return new ColumnRef(i, false);
                }
            }
        }
        return null;
    }

    /** A select-list column matching an expression by alias, by text, or by column name. */
    private ColumnRef find(Expression e) {
        String wanted = e.toString();
        for (int i = 0; i < itemExpressions.size(); i++) {
            if (itemExpressions.get(i) != null && normalized(itemExpressions.get(i)).equals(normalized(wanted))) {
                return new ColumnRef(i, false);
            }
        }
        for (int k = 0; k < derivedExpressions.size() && !star; k++) {
            if (normalized(derivedExpressions.get(k)).equals(normalized(wanted))) {
                return new ColumnRef(items.size() + k, false);
            }
        }
        if (e instanceof Column c) {
            for (int i = 0; i < itemNames.size(); i++) {
                if (itemNames.get(i) != null && sameName(itemNames.get(i), c.getColumnName()) && c.getTable() == null) {
                    return new ColumnRef(i, false);
                }
            }
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).getExpression() instanceof Column ic && sameName(ic.getColumnName(), c.getColumnName())
                        && (c.getTable() == null || ic.getTable() == null
                        || sameName(String.valueOf(ic.getTable().getName()), String.valueOf(c.getTable().getName())))) {
                    return new ColumnRef(i, false);
                }
            }
        }
        return null;
    }

    private Condition condition(Expression e) {
        return switch (e) {
            case AndExpression a -> new Condition.And(condition(a.getLeftExpression()), condition(a.getRightExpression()));
            case OrExpression o -> new Condition.Or(condition(o.getLeftExpression()), condition(o.getRightExpression()));
            case NotExpression n -> new Condition.Not(condition(n.getExpression()));
            case Parenthesis p -> condition(p.getExpression());
            case ExpressionList<?> list when list.size() == 1 -> condition((Expression) list.get(0));
            case ComparisonOperator c -> compare(c);
            default -> throw RouteException.unsupported("HAVING " + e + " across shards: only comparisons of selected"
                    + " columns or aggregates with literals, joined by AND/OR/NOT");
        };
    }

    private Condition compare(BinaryExpression c) {
        String op = c.getStringExpression();
        if (!List.of("=", "<>", "!=", "<", "<=", ">", ">=").contains(op)) {
            throw RouteException.unsupported("HAVING with operator " + op + " across shards");
        }
        String literal = literal(c.getRightExpression());
        Expression side = c.getLeftExpression();
        if (literal == null) {
            literal = literal(c.getLeftExpression());
            side = c.getRightExpression();
            op = flip(op);
        }
        if (literal == null) {
            throw RouteException.unsupported("HAVING " + c + " across shards: compare with a literal");
        }
        ColumnRef ref = find(side);
        if (ref == null && ScatterRewriter.isAggregate(side)) {
            net.sf.jsqlparser.expression.Function f = (net.sf.jsqlparser.expression.Function) side;
            Function function = ScatterRewriter.functionOf(f.getName());
            if (function == Function.AVG || f.isDistinct()) {
                throw RouteException.unsupported("HAVING " + side + " across shards: select it and use its alias");
            }
            ref = derive(side.toString(), side.toString(), new AggregateColumn(null, function, null));
        }
        if (ref == null) {
            throw RouteException.unsupported("HAVING on " + side + " across shards: it is not a selected column or aggregate");
        }
        return new Condition.Compare(ref, op.equals("!=") ? "<>" : op, literal == NULL_LITERAL ? null : literal);
    }

    private static final String NULL_LITERAL = new String("NULL");

    private static String literal(Expression e) {
        return switch (e) {
            case LongValue l -> l.getStringValue();
            case DoubleValue d -> d.toString();
            case StringValue s -> Literals.stringValue(s);
            case NullValue n -> NULL_LITERAL;
            case SignedExpression s when s.getSign() == '-' && literal(s.getExpression()) != null -> "-" + literal(s.getExpression());
            default -> null;
        };
    }

    private static String flip(String op) {
        return switch (op) {
            case "<" -> ">";
            case "<=" -> ">=";
            case ">" -> "<";
            case ">=" -> "<=";
            default -> op;
        };
    }

    String shardSql() {
        StringBuilder b = new StringBuilder(sql.length() + 64);
        List<String> all = new ArrayList<>(shardItems);
        all.addAll(derivedItems);
        b.append(text.head()).append(String.join(", ", all)).append(' ').append(text.fromThroughGroupBy().strip());
        if (aggregating) {
            if (!groupKeys.isEmpty()) {
                // partial groups arrive sorted by their keys, so they merge in one streaming pass
                // by position: a group key's text could name another item's alias in ORDER BY
                // (SELECT id AS name, name AS id ... GROUP BY id ORDER BY id sorts by the name column)
                b.append(" ORDER BY ").append(groupKeys.stream().map(k -> Integer.toString(k.index() + 1))
                        .collect(Collectors.joining(", ")));
            }
        } else {
            if (!text.havingText().isEmpty()) {
                b.append(' ').append(text.havingText().strip());
            }
            if (!text.orderByText().isEmpty()) {
                b.append(' ').append(text.orderByText().strip());
            }
            b.append(ScatterRewriter.limitClause(offset, limit));
        }
        if (!text.tailText().isEmpty()) {
            b.append(' ').append(text.tailText().strip());
        }
        return b.toString();
    }

    MergeSpec merge() {
        List<SortKey> keys = orderBy.stream().map(k -> new SortKey(resolveStar(k.column()), k.descending())).toList();
        MergeSpec.Aggregation aggregation = aggregating ? new MergeSpec.Aggregation(groupKeys, aggregateColumns) : null;
        return new MergeSpec(derived, aggregation, having, keys, select.getDistinct() != null, offset, limit);
    }

    /** Derived columns of a star select are counted from the end: k-th derived of d is at (total - d + k). */
    private ColumnRef resolveStar(ColumnRef ref) {
        if (!ref.fromEnd()) {
            return ref;
        }
        return new ColumnRef(derived - ref.index(), true);
    }

    /** The text between the outer parentheses of a function call, as written. */
    private static String argumentsText(String call) {
        List<Token> tokens = SqlTokenizer.tokenize(call);
        int open = -1;
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).isSymbol("(")) {
                open = tokens.get(i).end();
                break;
            }
        }
        int close = call.lastIndexOf(')');
        if (open < 0 || close < open) {
            throw RouteException.unsupported("the aggregate " + call + " across shards");
        }
        return call.substring(open, close).strip();
    }

    /**
     * True when the expression aggregates the rows of this query. An aggregate inside a subquery belongs to the
     * subquery ({@code (SELECT COUNT(*) FROM orders o WHERE o.customer_id = c.id)} is one value per row).
     */
    static boolean containsAggregate(Expression e) {
        if (e == null) {
            return false;
        }
        List<Token> tokens = SqlTokenizer.tokenize(e.toString());
        for (int i = 0; i + 1 < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.isSymbol("(") && tokens.get(i + 1).isWord("SELECT")) {
                i = closingParenthesis(tokens, i);
                continue;
            }
            if (t.type() == io.shardwire.router.sql.TokenType.WORD && tokens.get(i + 1).isSymbol("(")
                    && List.of("COUNT", "SUM", "MIN", "MAX", "AVG").contains(t.text().toUpperCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /** The index of the parenthesis closing the one at {@code open}, or the last index when it is not closed. */
    private static int closingParenthesis(List<Token> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (tokens.get(i).isSymbol("(")) {
                depth++;
            } else if (tokens.get(i).isSymbol(")") && --depth == 0) {
                return i;
            }
        }
        return tokens.size() - 1;
    }

    private static String normalized(String expression) {
        StringBuilder b = new StringBuilder();
        for (Token t : SqlTokenizer.tokenize(expression)) {
            b.append(t.type() == io.shardwire.router.sql.TokenType.STRING ? "'" + t.text() + "'" : t.text().toLowerCase(Locale.ROOT)).append(' ');
        }
        return b.toString();
    }

    static boolean sameName(String a, String b) {
        return unquote(a).equalsIgnoreCase(unquote(b));
    }

    private static String unquote(String name) {
        String n = name.strip();
        if (n.length() >= 2 && (n.charAt(0) == '`' || n.charAt(0) == '"' || n.charAt(0) == '\'') && n.charAt(n.length() - 1) == n.charAt(0)) {
            return n.substring(1, n.length() - 1);
        }
        return n;
    }

    private static String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
