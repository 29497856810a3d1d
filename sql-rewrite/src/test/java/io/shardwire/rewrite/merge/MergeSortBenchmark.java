package io.shardwire.rewrite.merge;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Not a test: merge-sorts generated shard results and prints rows per second and the heap high-water
 * mark, to show that a scatter {@code ORDER BY} streams in bounded memory. Three shards return 5 million
 * rows between them ({@code id BIGINT, name VARCHAR, price DECIMAL(10,2)}), sorted by the key; the merge
 * orders by {@code id}, then again by {@code name} under utf8mb4_general_ci. Run after a build:
 *
 * <pre>
 * java -Xmx256m -cp sql-rewrite/target/classes:sql-rewrite/target/test-classes \
 *     io.shardwire.rewrite.merge.MergeSortBenchmark [rows]
 * </pre>
 *
 * Used heap is sampled every 50,000 rows; rows are generated lazily, so the high-water mark is what the
 * merge holds plus garbage not yet collected.
 */
public final class MergeSortBenchmark {

    private static final int SHARDS = 3;
    private static final String HEADER = "id:LONGLONG:l20|name:VAR_STRING:l400|price:NEWDECIMAL:d2:l12";

    private MergeSortBenchmark() {
    }

    public static void main(String[] args) {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 5_000_000L;
        for (int round = 0; round < 2; round++) {
            run("ORDER BY id", rows, SortKey.ascending(0), round == 1);
            run("ORDER BY name", rows, SortKey.ascending(1), round == 1);
        }
    }

    private static void run(String what, long rows, SortKey key, boolean report) {
        List<RowStream> shards = new ArrayList<>();
        for (int shard = 0; shard < SHARDS; shard++) {
            shards.add(new GeneratedShard(shard, rows / SHARDS + (shard < rows % SHARDS ? 1 : 0)));
        }
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        long baseline = runtime.totalMemory() - runtime.freeMemory();
        long highWater = baseline;
        long count = 0;
        long start = System.nanoTime();
        try (MergeSort merge = new MergeSort(shards, List.of(key))) {
            for (byte[][] row = merge.next(); row != null; row = merge.next()) {
                if (++count % 50_000 == 0) {
                    highWater = Math.max(highWater, runtime.totalMemory() - runtime.freeMemory());
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (report) {
            System.out.printf("%-14s %,d rows from %d shards in %.2f s: %,.0f rows/s; heap used %,d KB before,"
                            + " high-water %,d KB, max heap %,d MB%n",
                    what, count, SHARDS, seconds, count / seconds, baseline / 1024, highWater / 1024,
                    runtime.maxMemory() / (1024 * 1024));
        }
    }

    /** A shard's sorted result, made up row by row: ids shard, shard + 3, ...; names in the same order. */
    private static final class GeneratedShard implements RowStream {
        private final int shard;
        private final long rows;
        private long produced;

        GeneratedShard(int shard, long rows) {
            this.shard = shard;
            this.rows = rows;
        }

        @Override
        public List<ColumnInfo> columns() {
            return Rows.columns(HEADER);
        }

        @Override
        public byte[][] next() {
            if (produced == rows) {
                return null;
            }
            long id = produced++ * SHARDS + shard;
            // Zero-padded names sort in id order, with mixed case so general_ci has to fold.
            String name = (id % 2 == 0 ? "customer-" : "Customer-") + String.format("%012d", id);
            String price = (id % 100_000) + "." + (id % 10) + "0";
            return new byte[][] {
                Long.toString(id).getBytes(StandardCharsets.US_ASCII),
                name.getBytes(StandardCharsets.UTF_8),
                price.getBytes(StandardCharsets.US_ASCII)};
        }

        @Override
        public void close() {
            produced = rows;
        }
    }
}
