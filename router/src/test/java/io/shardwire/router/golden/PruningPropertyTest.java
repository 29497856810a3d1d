package io.shardwire.router.golden;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shardwire.router.route.Route;
import io.shardwire.router.route.StatementRouter;
import io.shardwire.shardmap.KeyType;
import io.shardwire.shardmap.TableRule;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one property no route may break: a SELECT goes at least to every shard that holds a row its WHERE clause
 * can match. Random conditions on one table's shard key (comparisons, BETWEEN, IN, NULL tests, NOT, AND, OR and
 * conditions on other columns) are evaluated for every key of a domain with SQL's three-valued logic, as MySQL
 * compares the column with each literal; the route must include the shard of every key that may match.
 * Seeded, so a failure repeats.
 */
class PruningPropertyTest {
    private static final int CONDITIONS = 800;

    /** A literal as written in SQL and the value MySQL compares the key with; value null is SQL NULL. */
    private record Literal(String sql, Comparable<?> value) {
    }

    /** One keyed table: how to draw literals, the keys to try, and the shard of a key. */
    private record Subject(String table, String key, List<Literal> literals, List<Comparable<?>> keys,
                           Function<Comparable<?>, String> shardOf) {
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void integerRangeKey(long seed) {
        check(ledger(), seed);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void integerHashKey(long seed) {
        check(customers(), seed);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void dateRangeKey(long seed) {
        check(events(), seed);
    }

    private static void check(Subject subject, long seed) {
        Random random = new Random(seed);
        StatementRouter router = new StatementRouter(Fixture.MAP, Fixture.SCHEMAS, "shop");
        for (int i = 0; i < CONDITIONS; i++) {
            Condition condition = condition(random, subject, 3);
            String sql = "SELECT * FROM " + subject.table() + " WHERE " + condition.sql();
            Set<String> routed = shards(router.route(sql));
            Set<String> needed = new TreeSet<>();
            for (Comparable<?> key : subject.keys()) {
                if (mayMatch(condition, key)) {
                    needed.add(subject.shardOf().apply(key));
                }
            }
            assertTrue(routed.containsAll(needed), sql + " went to " + routed + ", but rows on " + needed + " may match (seed " + seed + ")");
        }
    }

    private static Set<String> shards(Route route) {
        return switch (route) {
            case Route.Single s -> Set.of(s.shard());
            case Route.Scatter s -> new LinkedHashSet<>(s.shards());
            case Route.Fanout f -> f.statements().stream().map(Route.ShardSql::shard).collect(Collectors.toSet());
        };
    }

    /** True when some values of the other columns make the condition TRUE for this key. */
    private static boolean mayMatch(Condition condition, Comparable<?> key) {
        int unknowns = condition.unknowns();
        int combinations = (int) Math.pow(3, unknowns);
        for (int c = 0; c < combinations; c++) {
            Boolean[] values = new Boolean[unknowns];
            int rest = c;
            for (int u = 0; u < unknowns; u++) {
                values[u] = switch (rest % 3) {
                    case 0 -> Boolean.TRUE;
                    case 1 -> Boolean.FALSE;
                    default -> null;
                };
                rest /= 3;
            }
            if (Boolean.TRUE.equals(condition.eval(key, values, new int[] {0}))) {
                return true;
            }
        }
        return false;
    }

    // ---- the subjects ----

    private static Subject ledger() {
        TableRule rule = Fixture.MAP.rule("shop", "ledger").orElseThrow();
        List<Literal> literals = new ArrayList<>();
        for (String n : List.of("-5", "0", "1", "500", "999", "1000", "1001", "1500", "1999", "2000", "2001", "2500",
                "999.5", "1000.4", "1999.5", "1999.4", "0.5", "-0.5")) {
            literals.add(new Literal(n, new BigDecimal(n)));
        }
        for (String n : List.of("1000", "1999.5", "2000", " 999 ")) {
            literals.add(new Literal("'" + n + "'", new BigDecimal(n.strip())));
        }
        literals.add(new Literal("NULL", null));
        // a condition's truth changes only next to its literals: the keys around them stand for all
        List<Comparable<?>> keys = new ArrayList<>();
        for (int around : List.of(0, 500, 1000, 1500, 2000, 2500)) {
            for (int k = around - 10; k <= around + 10; k++) {
                keys.add(BigDecimal.valueOf(k));
            }
        }
        return new Subject("ledger", "account_id", literals, keys, key -> ((TableRule.RangeSharded) rule).shardFor(key.toString(), KeyType.INTEGER));
    }

    private static Subject customers() {
        TableRule rule = Fixture.MAP.rule("shop", "customers").orElseThrow();
        List<Literal> literals = new ArrayList<>();
        for (String n : List.of("0", "1", "2", "3", "7", "8", "9", "42", "99", "42.0", "41.5", "-1", "1e1")) {
            literals.add(new Literal(n, new BigDecimal(n)));
        }
        for (String n : List.of("42", "7.0", "1")) {
            literals.add(new Literal("'" + n + "'", new BigDecimal(n)));
        }
        literals.add(new Literal("NULL", null));
        List<Comparable<?>> keys = new ArrayList<>();
        for (int k = -3; k <= 100; k++) {
            keys.add(BigDecimal.valueOf(k));
        }
        return new Subject("customers", "id", literals, keys, key -> ((TableRule.HashSharded) rule).shardFor(key.toString(), KeyType.INTEGER));
    }

    private static Subject events() {
        TableRule rule = Fixture.MAP.rule("shop", "events").orElseThrow();
        List<Literal> literals = new ArrayList<>();
        for (String d : List.of("2025-12-25", "2025-12-31", "2026-01-01", "2026-01-02", "2026-01-05")) {
            literals.add(new Literal("'" + d + "'", LocalDate.parse(d).atStartOfDay()));
        }
        literals.add(new Literal("DATE '2026-01-01'", LocalDate.parse("2026-01-01").atStartOfDay()));
        literals.add(new Literal("20251231", LocalDate.parse("2025-12-31").atStartOfDay()));
        for (String dt : List.of("2025-12-31 23:59:59", "2026-01-01 00:00:01", "2026-01-01 00:00:00", "2025-12-31 12:00:00")) {
            literals.add(new Literal("'" + dt + "'", LocalDateTime.parse(dt.replace(' ', 'T'))));
        }
        literals.add(new Literal("NULL", null));
        List<Comparable<?>> keys = new ArrayList<>();
        for (LocalDate d = LocalDate.parse("2025-12-20"); d.isBefore(LocalDate.parse("2026-01-12")); d = d.plusDays(1)) {
            keys.add(d.atStartOfDay());
        }
        return new Subject("events", "created_at", literals, keys,
                key -> ((TableRule.RangeSharded) rule).shardFor(((LocalDateTime) key).toLocalDate().toString(), KeyType.DATE));
    }

    // ---- conditions: SQL text and three-valued evaluation ----

    private sealed interface Condition {
        String sql();

        /** TRUE, FALSE or null (UNKNOWN); {@code unknowns} supplies the other-column conditions in order. */
        Boolean eval(Comparable<?> key, Boolean[] unknowns, int[] next);

        int unknowns();
    }

    private record Compare(String key, String op, Literal literal, boolean literalFirst) implements Condition {
        public String sql() {
            return literalFirst ? literal.sql() + " " + flip(op) + " " + key : key + " " + op + " " + literal.sql();
        }

        public Boolean eval(Comparable<?> k, Boolean[] unknowns, int[] next) {
            if (op.equals("<=>")) {
                return literal.value() != null && compare(k, literal.value()) == 0;
            }
            if (literal.value() == null) {
                return null;
            }
            int c = compare(k, literal.value());
            return switch (op) {
                case "=" -> c == 0;
                case "<>" -> c != 0;
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                case ">" -> c > 0;
                default -> c >= 0;
            };
        }

        public int unknowns() {
            return 0;
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
    }

    private record Between(String key, Literal low, Literal high, boolean not) implements Condition {
        public String sql() {
            return key + (not ? " NOT" : "") + " BETWEEN " + low.sql() + " AND " + high.sql();
        }

        public Boolean eval(Comparable<?> k, Boolean[] unknowns, int[] next) {
            Boolean in = and(new Compare(key, ">=", low, false).eval(k, unknowns, next),
                    new Compare(key, "<=", high, false).eval(k, unknowns, next));
            return not ? negate(in) : in;
        }

        public int unknowns() {
            return 0;
        }
    }

    private record In(String key, List<Literal> list, boolean not) implements Condition {
        public String sql() {
            return key + (not ? " NOT" : "") + " IN (" + list.stream().map(Literal::sql).collect(Collectors.joining(", ")) + ")";
        }

        public Boolean eval(Comparable<?> k, Boolean[] unknowns, int[] next) {
            Boolean any = false;
            for (Literal l : list) {
                any = or(any, new Compare(key, "=", l, false).eval(k, unknowns, next));
            }
            return not ? negate(any) : any;
        }

        public int unknowns() {
            return 0;
        }
    }

    /** The key is never NULL (the router refuses rows without one). */
    private record IsNull(String key, boolean not) implements Condition {
        public String sql() {
            return key + (not ? " IS NOT NULL" : " IS NULL");
        }

        public Boolean eval(Comparable<?> k, Boolean[] unknowns, int[] next) {
            return not;
        }

        public int unknowns() {
            return 0;
        }
    }

    /** A condition on another column: TRUE, FALSE or UNKNOWN for some row with any key. */
    private record Other(String sql) implements Condition {
        public Boolean eval(Comparable<?> k, Boolean[] unknowns, int[] next) {
            return unknowns[next[0]++];
        }

        public int unknowns() {
            return 1;
        }
    }

    private record Not(Condition inner) implements Condition {
        public String sql() {
            return "NOT (" + inner.sql() + ")";
        }

        public Boolean eval(Comparable<?> k, Boolean[] unknowns, int[] next) {
            return negate(inner.eval(k, unknowns, next));
        }

        public int unknowns() {
            return inner.unknowns();
        }
    }

    private record Junction(Condition left, String op, Condition right) implements Condition {
        public String sql() {
            return "(" + left.sql() + " " + op + " " + right.sql() + ")";
        }

        public Boolean eval(Comparable<?> k, Boolean[] unknowns, int[] next) {
            Boolean l = left.eval(k, unknowns, next);
            Boolean r = right.eval(k, unknowns, next);
            return op.equals("AND") ? and(l, r) : or(l, r);
        }

        public int unknowns() {
            return left.unknowns() + right.unknowns();
        }
    }

    private static Condition condition(Random random, Subject s, int depth) {
        int kinds = depth == 0 ? 6 : 9;
        String key = random.nextInt(4) == 0 ? s.table() + "." + s.key() : s.key();
        return switch (random.nextInt(kinds)) {
            case 0, 1 -> new Compare(key, pick(random, List.of("=", "=", "<>", "<", "<=", ">", ">=", "<=>")), literal(random, s),
                    random.nextInt(4) == 0);
            case 2 -> new Between(key, literal(random, s), literal(random, s), random.nextInt(4) == 0);
            case 3 -> {
                List<Literal> list = new ArrayList<>();
                for (int n = 1 + random.nextInt(4); n > 0; n--) {
                    list.add(literal(random, s));
                }
                yield new In(key, list, random.nextInt(5) == 0);
            }
            case 4 -> random.nextInt(3) == 0 ? new IsNull(key, random.nextBoolean()) : new Other(otherColumn(s, random));
            case 5 -> new Other(otherColumn(s, random));
            case 6 -> new Not(condition(random, s, depth - 1));
            default -> new Junction(condition(random, s, depth - 1), random.nextBoolean() ? "AND" : "OR", condition(random, s, depth - 1));
        };
    }

    private static String otherColumn(Subject s, Random random) {
        return "id".equals(s.key()) ? "name = 'n" + random.nextInt(3) + "'" : "id > " + random.nextInt(10);
    }

    private static Literal literal(Random random, Subject s) {
        return pick(random, s.literals());
    }

    private static <T> T pick(Random random, List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Comparable<?> key, Comparable<?> literal) {
        return ((Comparable) key).compareTo(literal);
    }

    private static Boolean negate(Boolean b) {
        return b == null ? null : !b;
    }

    private static Boolean and(Boolean a, Boolean b) {
        if (Boolean.FALSE.equals(a) || Boolean.FALSE.equals(b)) {
            return false;
        }
        return a == null || b == null ? null : true;
    }

    private static Boolean or(Boolean a, Boolean b) {
        if (Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b)) {
            return true;
        }
        return a == null || b == null ? null : false;
    }
}
