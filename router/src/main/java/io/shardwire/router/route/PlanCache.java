package io.shardwire.router.route;

import io.shardwire.router.sql.SqlDigest;
import io.shardwire.shardmap.ShardMap;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Routes statements, remembering for each statement shape (its {@link SqlDigest#shape()}: the text with literals
 * taken out, each marked with its kind) how the route followed from the literals, so that the same statement
 * with other values is routed without JSqlParser:
 *
 * <ul>
 *   <li>a route that read no key value ({@code SELECT ... FROM unsharded_table}, a broadcast read, an UPDATE
 *       of every shard) is the same for every value: kept as it is;</li>
 *   <li>a route to the one shard a single key value names ({@code SELECT c FROM sbtest1 WHERE id = 42}) is kept
 *       as "the shard of literal number k", and the next statement of that shape is sent to the shard of its
 *       own k-th literal;</li>
 *   <li>a multi-row INSERT of literal rows is sent, or split, by its rows' key literals ({@link RowKeyedInsert}).</li>
 * </ul>
 *
 * Everything else (scatter reads with their rewritten SQL, IN lists, ranges, INSERTs with expressions, decisions that
 * depended on a literal's magnitude) is routed in full every time. A route remembered this way is what
 * the full router would return: the statement's shape fixes which columns are compared with which literals of
 * which kinds, so only the key value changes, and it is looked up with the same function as in the full route.
 *
 * <p>Keyed on (shape, session database); an entry built on another shard-map version is a miss. Bounded: past
 * {@code capacity} entries the least recently used tenth goes, and shapes longer than {@link #MAX_SHAPE} are not
 * kept. Thread-safe.
 */
public final class PlanCache {

    /** What the cache did for one statement. */
    public enum Outcome {
        HIT, MISS, UNCACHEABLE
    }

    /** A route and whether it came from the cache. */
    public record Result(Route route, Outcome outcome) {
    }

    private sealed interface Template {
        long mapVersion();
    }

    /** The same route whatever the literals. */
    private record Fixed(long mapVersion, Route.Variant variant, List<String> shards) implements Template {
    }

    /**
     * One shard: the one literal {@code slot}'s value gives it, through each of the key lookups. Only for the
     * {@code shards} the full router has chosen for this shape: whether a statement may run on one shard can
     * depend on which shard that is (a subquery that reads an unsharded table is fine on its default shard
     * only), so a value that leads to a shard not seen yet is routed in full once.
     */
    private record Keyed(long mapVersion, int slot, List<KeyTrace.KeyLookup> lookups, Set<String> shards) implements Template {
        Keyed {
            shards = Set.copyOf(shards);
        }
    }

    /** A multi-row INSERT of literal rows: each row where its key literal says. */
    private record Rows(RowKeyedInsert insert) implements Template {
        @Override
        public long mapVersion() {
            return insert.mapVersion();
        }
    }

    private record Key(String shape, String database) {
    }

    /**
     * Longer shapes are not remembered: a key holds its shape, and multi-row INSERTs of every row count would each
     * keep one (10,000 entries of a 1 MB statement's shape are gigabytes); such statements are rarely repeated.
     */
    static final int MAX_SHAPE = 16 * 1024;

    private static final class Entry {
        final Template template;
        volatile long lastUse;

        Entry(Template template, long lastUse) {
            this.template = template;
            this.lastUse = lastUse;
        }
    }

    private final int capacity;
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong clock = new AtomicLong();

    public PlanCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: " + capacity + " (expected: >= 1)");
        }
        this.capacity = capacity;
    }

    /**
     * Routes {@code sql} (whose digest is {@code digest}) on {@code map}, from the cache when it can.
     *
     * @throws RouteException as the full router does
     */
    public Result route(ShardMap map, TableSchemas schemas, String database, String sql, SqlDigest digest) {
        Key key = new Key(digest.shape(), database == null ? "" : database);
        Entry entry = entries.get(key);
        if (entry != null && entry.template.mapVersion() == map.version()) {
            Route route = instantiate(entry.template, sql, digest);
            if (route != null) {
                entry.lastUse = clock.incrementAndGet();
                return new Result(route, Outcome.HIT);
            }
        }
        KeyTrace trace = new KeyTrace();
        Route route = new StatementRouter(map, schemas, database, trace).route(sql);
        Template template = digest.shape().length() > MAX_SHAPE ? null : templateOf(route, sql, digest, trace);
        if (template == null) {
            return new Result(route, Outcome.UNCACHEABLE);
        }
        if (entry != null && entry.template instanceof Keyed known && template instanceof Keyed found
                && known.mapVersion() == found.mapVersion() && known.slot() == found.slot()) {
            Set<String> shards = new HashSet<>(known.shards());
            shards.addAll(found.shards());
            template = new Keyed(found.mapVersion(), found.slot(), found.lookups(), shards);
        } else if (entry != null && entry.template instanceof Rows known && template instanceof Rows found
                && known.mapVersion() == found.mapVersion()
                && java.util.Arrays.equals(known.insert().keySlots(), found.insert().keySlots())) {
            template = new Rows(found.insert().with(known.insert().shards()));
        }
        entries.put(key, new Entry(template, clock.incrementAndGet()));
        if (entries.size() > capacity) {
            evict();
        }
        return new Result(route, Outcome.MISS);
    }

    /** Forgets every plan: after DDL (key columns and types may have changed) and config reloads. */
    public void clear() {
        entries.clear();
    }

    public int size() {
        return entries.size();
    }

    private static Route instantiate(Template template, String sql, SqlDigest digest) {
        return switch (template) {
            case Fixed f when f.shards().size() == 1 -> new Route.Single(f.mapVersion(), f.variant(), f.shards().get(0), sql);
            case Fixed f -> new Route.Fanout(f.mapVersion(), f.variant(),
                    f.shards().stream().map(s -> new Route.ShardSql(s, sql)).toList());
            case Keyed k -> {
                String shard = shardOf(k.lookups(), valueOf(digest.literals().get(k.slot())));
                yield shard == null || !k.shards().contains(shard) ? null
                        : new Route.Single(k.mapVersion(), Route.Variant.KEYED, shard, sql);
            }
            case Rows r -> r.insert().route(sql, digest);
        };
    }

    /** The one shard every lookup gives for {@code value}; null when they differ or the value does not convert. */
    private static String shardOf(List<KeyTrace.KeyLookup> lookups, String value) {
        String shard = null;
        for (KeyTrace.KeyLookup lookup : lookups) {
            if (lookup.kind() != KeyTrace.Kind.VALUES) {
                continue;
            }
            if (lookup.keyType().caseInsensitive()) {
                return null;
            }
            String s;
            try {
                s = ShardResolver.shardFor(lookup.rule(), value, lookup.keyType());
            } catch (IllegalArgumentException e) {
                return null; // the full router widens or refuses: let it
            }
            if (s == null || (shard != null && !shard.equals(s))) {
                return null;
            }
            shard = s;
        }
        return shard;
    }

    private static Template templateOf(Route route, String sql, SqlDigest digest, KeyTrace trace) {
        if (trace.isValueDependent()) {
            return null;
        }
        List<KeyTrace.KeyLookup> lookups = trace.lookups();
        boolean readNoValue = lookups.stream().allMatch(l -> l.kind() == KeyTrace.Kind.ANY);
        switch (route) {
            case Route.Single s when s.sql().equals(sql) && readNoValue && s.variant() != Route.Variant.KEYED -> {
                return new Fixed(s.mapVersion(), s.variant(), List.of(s.shard()));
            }
            case Route.Single s when s.sql().equals(sql) && s.variant() == Route.Variant.KEYED -> {
                Template keyed = keyed(s, sql, digest, lookups);
                return keyed != null ? keyed : rows(route, sql, digest, lookups);
            }
            case Route.Fanout f when f.variant() == Route.Variant.INSERT_SPLIT -> {
                return rows(route, sql, digest, lookups);
            }
            case Route.Fanout f when readNoValue && f.statements().stream().allMatch(q -> q.sql().equals(sql)) -> {
                return new Fixed(f.mapVersion(), f.variant(), f.statements().stream().map(Route.ShardSql::shard).toList());
            }
            default -> {
                return null;
            }
        }
    }

    /**
     * A keyed template when every key value read is one and the same value, written once in the statement, and
     * the lookups give the route's shard for it.
     */
    private static Template keyed(Route.Single route, String sql, SqlDigest digest, List<KeyTrace.KeyLookup> lookups) {
        String value = null;
        for (KeyTrace.KeyLookup lookup : lookups) {
            switch (lookup.kind()) {
                case ANY -> {
                }
                case VALUES -> {
                    if (lookup.values().size() != 1 || (value != null && !value.equals(lookup.values().get(0)))) {
                        return null;
                    }
                    value = lookup.values().get(0);
                }
                case RANGE, NONE -> {
                    return null;
                }
            }
        }
        if (value == null) {
            return null;
        }
        int slot = -1;
        for (int i = 0; i < digest.literals().size(); i++) {
            SqlDigest.Literal literal = digest.literals().get(i);
            if (value.equals(valueOf(literal))) {
                if (slot >= 0 || literal.kind() == SqlDigest.LiteralKind.OTHER_NUMBER) {
                    return null; // written twice: which one decides is not known
                }
                slot = i;
            }
        }
        if (slot < 0 || !route.shard().equals(shardOf(lookups, value))) {
            return null;
        }
        return new Keyed(route.mapVersion(), slot, lookups, Set.of(route.shard()));
    }

    private static Template rows(Route route, String sql, SqlDigest digest, List<KeyTrace.KeyLookup> lookups) {
        RowKeyedInsert insert = RowKeyedInsert.of(route, sql, digest, lookups);
        return insert == null ? null : new Rows(insert);
    }

    /** A literal's value as routing reads it: strings unescaped, numbers as written, a folded minus kept. */
    static String valueOf(SqlDigest.Literal literal) {
        String text = literal.token().text();
        return literal.negative() ? "-" + text : text;
    }

    private void evict() {
        List<Map.Entry<Key, Entry>> all = new ArrayList<>(entries.entrySet());
        if (all.size() <= capacity) {
            return;
        }
        all.sort(Comparator.comparingLong(e -> e.getValue().lastUse));
        int drop = Math.max(all.size() - capacity, capacity / 10);
        for (int i = 0; i < drop && i < all.size(); i++) {
            entries.remove(all.get(i).getKey(), all.get(i).getValue());
        }
    }

    @Override
    public String toString() {
        return "PlanCache[" + entries.size() + "/" + capacity + "]";
    }
}
