package io.shardwire.benchmarks;

import io.shardwire.rewrite.merge.AggregateSpec;
import io.shardwire.rewrite.merge.ColumnInfo;
import io.shardwire.rewrite.merge.Concat;
import io.shardwire.rewrite.merge.FieldType;
import io.shardwire.rewrite.merge.HashAggregate;
import io.shardwire.rewrite.merge.MergeSort;
import io.shardwire.rewrite.merge.RowStream;
import io.shardwire.rewrite.merge.SortKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The merge of a scatter SELECT over 3 shards returning 10,000 rows each, per input row (an operation is one of
 * the 30,000 rows): {@link MergeSort} of {@code SELECT id, name, price FROM customers ORDER BY id} (BIGINT key,
 * each shard's rows sorted), and {@link HashAggregate} of the partial rows of
 * {@code SELECT customer_id, COUNT(*), SUM(total) FROM orders GROUP BY customer_id} (10,000 groups, each reported
 * by every shard). This is the proxy's own work per row of a scatter result, on top of relaying it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class MergeBenchmark {

    private static final int SHARDS = 3;
    private static final int ROWS_PER_SHARD = 10_000;
    private static final int ROWS = SHARDS * ROWS_PER_SHARD;

    private static final List<ColumnInfo> CUSTOMERS = List.of(
            column("id", FieldType.LONGLONG, 20, 0),
            column("name", FieldType.VAR_STRING, 400, 0),
            column("price", FieldType.NEWDECIMAL, 12, 2));
    private static final List<ColumnInfo> PARTIALS = List.of(
            column("customer_id", FieldType.LONGLONG, 20, 0),
            column("COUNT(*)", FieldType.LONGLONG, 21, 0),
            column("SUM(total)", FieldType.NEWDECIMAL, 33, 2));
    private static final List<AggregateSpec> AGGREGATE = List.of(
            new AggregateSpec.GroupKey(0), new AggregateSpec.Count(1), new AggregateSpec.Sum(2));

    private final List<List<byte[][]>> sorted = new ArrayList<>();
    private final List<List<byte[][]>> partials = new ArrayList<>();

    @Setup
    public void setUp() {
        for (int shard = 0; shard < SHARDS; shard++) {
            List<byte[][]> rows = new ArrayList<>(ROWS_PER_SHARD);
            List<byte[][]> groups = new ArrayList<>(ROWS_PER_SHARD);
            for (int i = 0; i < ROWS_PER_SHARD; i++) {
                long id = (long) i * SHARDS + shard; // the shards' keys interleave, as hashed keys do
                rows.add(new byte[][] {
                    text(Long.toString(id)), text("customer-" + id), text((id % 100_000) + "." + (id % 100))});
                // each shard reports every group; shard order differs so the groups are not met in one order
                long customer = (i * 7919L + shard * 1009L) % ROWS_PER_SHARD;
                groups.add(new byte[][] {
                    text(Long.toString(customer)), text(Long.toString(1 + customer % 5)), text((customer % 997) + ".50")});
            }
            sorted.add(List.copyOf(rows));
            partials.add(List.copyOf(groups));
        }
        if (mergeSort(null) != ROWS || hashAggregate(null) != ROWS_PER_SHARD) {
            throw new IllegalStateException("the merges did not return the expected row counts");
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public int mergeSort(Blackhole blackhole) {
        int count = 0;
        try (MergeSort merge = new MergeSort(streams(CUSTOMERS, sorted), List.of(SortKey.ascending(0)))) {
            for (byte[][] row = merge.next(); row != null; row = merge.next()) {
                consume(blackhole, row);
                count++;
            }
        }
        return count;
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public int hashAggregate(Blackhole blackhole) {
        int count = 0;
        try (HashAggregate merge = new HashAggregate(new Concat(streams(PARTIALS, partials)), AGGREGATE, 1_000_000)) {
            for (byte[][] row = merge.next(); row != null; row = merge.next()) {
                consume(blackhole, row);
                count++;
            }
        }
        return count;
    }

    private static void consume(Blackhole blackhole, byte[][] row) {
        if (blackhole != null) {
            blackhole.consume(row);
        }
    }

    private static List<RowStream> streams(List<ColumnInfo> columns, List<List<byte[][]>> shards) {
        List<RowStream> streams = new ArrayList<>(shards.size());
        for (List<byte[][]> rows : shards) {
            streams.add(new ListStream(columns, rows));
        }
        return streams;
    }

    private static ColumnInfo column(String name, FieldType type, long length, int decimals) {
        boolean string = type.kind() == FieldType.ValueKind.STRING;
        return new ColumnInfo(name, type.code(), 0, string ? 45 : ColumnInfo.BINARY_COLLATION, decimals, length);
    }

    private static byte[] text(String value) {
        return value.getBytes(StandardCharsets.US_ASCII);
    }
}
