package io.shardwire.router.route;

import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.schema.Column;

/**
 * The column = column equalities that hold for every row of a condition: those joined by AND at the top,
 * not under OR or NOT. They tell whether two sharded tables are joined on their keys.
 */
final class EqualityLinks {
    record Link(Column left, Column right) {
    }

    private EqualityLinks() {
    }

    static List<Link> of(Expression condition) {
        List<Link> links = new ArrayList<>();
        collect(condition, links);
        return links;
    }

    private static void collect(Expression e, List<Link> links) {
        switch (e) {
            case null -> { }
            case AndExpression and -> {
                collect(and.getLeftExpression(), links);
                collect(and.getRightExpression(), links);
            }
            case Parenthesis p -> collect(p.getExpression(), links);
            case ExpressionList<?> list when list.size() == 1 -> collect(list.get(0), links);
            case EqualsTo eq when eq.getLeftExpression() instanceof Column l && eq.getRightExpression() instanceof Column r ->
                    links.add(new Link(l, r));
            default -> { }
        }
    }
}
