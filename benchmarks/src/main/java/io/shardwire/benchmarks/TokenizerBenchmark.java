package io.shardwire.benchmarks;

import io.shardwire.router.sql.SqlDigest;
import io.shardwire.router.sql.SqlTokenizer;
import io.shardwire.router.sql.Token;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link SqlTokenizer#tokenize} and {@link SqlDigest#of(String)} on three statements: sysbench's point select, a
 * SELECT with a 10-value IN list and a 50-row INSERT (sysbench's {@code oltp_insert} rows). Every statement the
 * proxy receives is tokenized at least once (classification, the unsharded fast path) and digested once (the plan
 * cache key), so these two are a floor under the proxy's per-statement CPU cost, growing with the text's length.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class TokenizerBenchmark {

    @Param({"point_select", "in_10", "insert_50"})
    public String statement;

    private String sql;

    @Setup
    public void setUp() {
        SysbenchValues values = new SysbenchValues();
        sql = switch (statement) {
            case "point_select" -> "SELECT c FROM sbtest1 WHERE id=5021";
            case "in_10" -> {
                StringJoiner ids = new StringJoiner(", ", "SELECT c FROM sbtest1 WHERE id IN (", ")");
                for (int i = 0; i < 10; i++) {
                    ids.add(Integer.toString(values.id()));
                }
                yield ids.toString();
            }
            case "insert_50" -> {
                StringJoiner rows = new StringJoiner(", ", "INSERT INTO sbtest1 (id, k, c, pad) VALUES ", "");
                for (int i = 0; i < 50; i++) {
                    rows.add("(" + values.id() + ", " + values.id() + ", '" + values.c() + "', '" + values.pad() + "')");
                }
                yield rows.toString();
            }
            default -> throw new IllegalArgumentException("unknown statement " + statement);
        };
    }

    @Benchmark
    public List<Token> tokenize() {
        return SqlTokenizer.tokenize(sql);
    }

    @Benchmark
    public SqlDigest digest() {
        return SqlDigest.of(sql);
    }
}
