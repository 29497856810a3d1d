package io.shardwire.it.faults;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.HotSpotDiagnosticMXBean.ThreadDumpFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts this JVM's threads, virtual ones included: {@link Thread#getAllStackTraces()} sees only platform
 * threads, but the proxy runs each session's work on virtual threads, so a session stuck forever would be
 * invisible there. A JSON thread dump lists virtual threads of executors too.
 */
final class ThreadCensus {
    private static final Pattern SESSION_WORKER = Pattern.compile("io\\.shardwire\\.server\\.frontend\\.SerialExecutor\\.drain");

    private ThreadCensus() {
    }

    static int platformThreads() {
        return Thread.getAllStackTraces().size();
    }

    /** Virtual threads busy with a proxy session's work (each runs SerialExecutor.drain once on its stack). */
    static int sessionWorkers() {
        try {
            Path dir = Files.createTempDirectory("thread-census");
            Path file = dir.resolve("threads.json");
            try {
                ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                        .dumpThreads(file.toString(), ThreadDumpFormat.JSON);
                Matcher m = SESSION_WORKER.matcher(Files.readString(file));
                int count = 0;
                while (m.find()) {
                    count++;
                }
                return count;
            } finally {
                Files.deleteIfExists(file);
                Files.delete(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
