package io.shardwire.server.metrics;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The optional slow-query log ({@code slow_query_log}, {@code slow_query_ms}): one line per statement slower than
 * the threshold, with the time, duration, shards, user, schema and digest text (never literal values, which may
 * be personal data). Tab-separated so that {@code sort -t$'\t' -k2 -n} and spreadsheets read it. Thread-safe;
 * a write failure is logged once and the proxy goes on.
 */
public final class SlowQueryLog implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SlowQueryLog.class);
    private final Writer out;
    private final long thresholdNanos;
    private volatile boolean failed;

    private SlowQueryLog(Writer out, Duration threshold) {
        this.out = out;
        this.thresholdNanos = threshold.toNanos();
    }

    /** The log the configuration asks for, or none. */
    public static Optional<SlowQueryLog> open(Optional<Path> file, Duration threshold) throws IOException {
        if (file.isEmpty()) {
            return Optional.empty();
        }
        Path parent = file.get().toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Writer writer = Files.newBufferedWriter(file.get(), StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        return Optional.of(new SlowQueryLog(writer, threshold));
    }

    public void record(String user, String schema, String digestText, long nanos, int shards, boolean error) {
        if (nanos < thresholdNanos) {
            return;
        }
        String line = OffsetDateTime.now() + "\t" + String.format(java.util.Locale.ROOT, "%.3f", nanos / 1e6) + "ms\tshards="
                + shards + "\tuser=" + user + "\tschema=" + (schema == null ? "" : schema) + "\t" + (error ? "error" : "ok")
                + "\t" + digestText.replace('\n', ' ').replace('\t', ' ') + "\n";
        synchronized (this) {
            try {
                out.write(line);
                out.flush();
            } catch (IOException e) {
                if (!failed) {
                    failed = true;
                    log.warn("cannot write the slow query log: {}", e.getMessage());
                }
            }
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
