package io.shardwire.router.golden;

import io.shardwire.router.plan.MergeSpec;
import io.shardwire.router.plan.MergeSpec.AggregateColumn;
import io.shardwire.router.plan.MergeSpec.ColumnRef;
import io.shardwire.router.plan.MergeSpec.Condition;
import io.shardwire.router.plan.ScatterPlan;
import io.shardwire.router.route.Route;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A route (and, for a scatter SELECT, its rewrite) as the text a golden file holds: the kind and variant,
 * then one line per shard with the SQL sent there ({@code as written} when it is the client's statement
 * unchanged, {@code as above} when it repeats the previous shard's), then the merge. Everything that
 * changes what runs where shows; nothing else does.
 */
final class RouteRendering {
    private RouteRendering() {
    }

    static String render(String input, Route route, ScatterPlan plan) {
        List<String> lines = new ArrayList<>();
        switch (route) {
            case Route.Single s -> {
                lines.add("single " + s.variant());
                lines.add(shardLine(s.shard(), s.sql(), input, null));
            }
            case Route.Fanout f -> {
                lines.add("fanout " + f.variant());
                String previous = null;
                for (Route.ShardSql q : f.statements()) {
                    lines.add(shardLine(q.shard(), q.sql(), input, previous));
                    previous = q.sql();
                }
            }
            case Route.Scatter s -> {
                lines.add("scatter " + s.variant());
                String previous = null;
                for (Route.ShardSql q : plan.queries()) {
                    lines.add(shardLine(q.shard(), q.sql(), input, previous));
                    previous = q.sql();
                }
                lines.addAll(merge(plan.merge()));
            }
        }
        return String.join("\n", lines);
    }

    private static String shardLine(String shard, String sql, String input, String previous) {
        String text;
        if (sql.equals(input)) {
            text = "as written";
        } else if (sql.equals(previous)) {
            text = "as above";
        } else {
            text = sql.replace("\n", "\n      ");
        }
        return "  " + shard + ": " + text;
    }

    static List<String> merge(MergeSpec m) {
        List<String> lines = new ArrayList<>();
        if (m.derivedColumns() > 0) {
            lines.add("derived columns: " + m.derivedColumns());
        }
        if (m.aggregation() != null) {
            List<ColumnRef> keys = m.aggregation().groupKeys();
            lines.add("group by: " + (keys.isEmpty() ? "(one group)" : keys.stream().map(RouteRendering::ref).collect(Collectors.joining(", "))));
            lines.add("columns: " + m.aggregation().columns().stream().map(RouteRendering::column).collect(Collectors.joining(", ")));
        }
        if (m.having() != null) {
            lines.add("having: " + condition(m.having()));
        }
        if (!m.orderBy().isEmpty()) {
            lines.add("order by: " + m.orderBy().stream()
                    .map(k -> ref(k.column()) + (k.descending() ? " desc" : " asc")).collect(Collectors.joining(", ")));
        }
        if (m.distinct()) {
            lines.add("distinct");
        }
        if (m.offset() != 0 || m.limit() >= 0) {
            lines.add("offset " + m.offset() + ", limit " + (m.limit() < 0 ? "all" : Long.toString(m.limit())));
        }
        if (lines.isEmpty()) {
            return List.of("merge: concatenate");
        }
        List<String> out = new ArrayList<>();
        out.add("merge:");
        lines.forEach(l -> out.add("  " + l));
        return out;
    }

    /** {@code #2} counts from the first column; {@code #n-1} from the end (after a {@code *}). */
    private static String ref(ColumnRef ref) {
        if (ref == null) {
            return "#?";
        }
        return ref.fromEnd() ? "#n-" + ref.index() : "#" + ref.index();
    }

    private static String column(AggregateColumn c) {
        String function = c.function().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        String text = ref(c.column()) + " " + function;
        return c.countColumn() == null ? text : text + " (sum " + ref(c.column()) + " / count " + ref(c.countColumn()) + ")";
    }

    private static String condition(Condition c) {
        return switch (c) {
            case Condition.And a -> "(" + condition(a.left()) + " AND " + condition(a.right()) + ")";
            case Condition.Or o -> "(" + condition(o.left()) + " OR " + condition(o.right()) + ")";
            case Condition.Not n -> "NOT " + condition(n.inner());
            case Condition.Compare cmp -> ref(cmp.column()) + " " + cmp.op() + " "
                    + (cmp.literal() == null ? "NULL" : "'" + cmp.literal().replace("'", "''") + "'");
        };
    }
}
