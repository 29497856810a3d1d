package io.shardwire.server.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * Statistics per statement digest (ProxySQL's stats_mysql_query_digest): how often each normalized statement ran,
 * how long it took, how many rows it sent, how often it failed and how many shards it touched, so scatter-heavy
 * and slow statements stand out in SHOW QUERY DIGESTS. Bounded: past {@code capacity} digests, new ones are
 * counted under one row whose text says so. Thread-safe; recording is lock-free.
 */
public final class QueryDigests {
    /** The row that counts statements whose digest found no room. */
    static final String OVERFLOW_TEXT = "(other statements: the digest table is full)";

    /** One row of SHOW QUERY DIGESTS. */
    public record Row(String schema, String text, long count, long totalNanos, long maxNanos, long rowsSent, long errors,
                      long minShards, long totalShards, long maxShards, long firstSeenMillis, long lastSeenMillis) {
        public long avgNanos() {
            return count == 0 ? 0 : totalNanos / count;
        }

        public double avgShards() {
            return count == 0 ? 0 : (double) totalShards / count;
        }
    }

    private record Key(String schema, String text) {
    }

    private static final class Stats {
        final LongAdder count = new LongAdder();
        final LongAdder totalNanos = new LongAdder();
        final LongAccumulator maxNanos = new LongAccumulator(Math::max, 0);
        final LongAdder rowsSent = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LongAccumulator minShards = new LongAccumulator(Math::min, Long.MAX_VALUE);
        final LongAdder totalShards = new LongAdder();
        final LongAccumulator maxShards = new LongAccumulator(Math::max, 0);
        final long firstSeen = System.currentTimeMillis();
        final AtomicLong lastSeen = new AtomicLong(firstSeen);
    }

    private final int capacity;
    private final Map<Key, Stats> stats = new ConcurrentHashMap<>();

    public QueryDigests(int capacity) {
        this.capacity = capacity;
    }

    /**
     * One executed statement.
     *
     * @param shards backend shards it ran on (0 for statements the proxy answered itself)
     */
    public void record(String schema, String digestText, long nanos, long rowsSent, boolean error, int shards) {
        Key key = new Key(schema == null ? "" : schema, digestText);
        Stats s = stats.get(key);
        if (s == null) {
            if (stats.size() >= capacity) {
                key = new Key("", OVERFLOW_TEXT);
            }
            s = stats.computeIfAbsent(key, k -> new Stats());
        }
        s.count.increment();
        s.totalNanos.add(nanos);
        s.maxNanos.accumulate(nanos);
        s.rowsSent.add(rowsSent);
        if (error) {
            s.errors.increment();
        }
        s.minShards.accumulate(shards);
        s.totalShards.add(shards);
        s.maxShards.accumulate(shards);
        s.lastSeen.set(System.currentTimeMillis());
    }

    /** Every digest, the most total time first. */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        stats.forEach((k, s) -> {
            long count = s.count.sum();
            long min = s.minShards.get();
            rows.add(new Row(k.schema(), k.text(), count, s.totalNanos.sum(), s.maxNanos.get(), s.rowsSent.sum(),
                    s.errors.sum(), min == Long.MAX_VALUE ? 0 : min, s.totalShards.sum(), s.maxShards.get(),
                    s.firstSeen, s.lastSeen.get()));
        });
        rows.sort(Comparator.comparingLong(Row::totalNanos).reversed());
        return rows;
    }

    public void reset() {
        stats.clear();
    }

    public int size() {
        return stats.size();
    }
}
