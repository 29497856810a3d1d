package io.shardwire.server.backend;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether backends answer right now: a fresh login and {@code SELECT 1} on each, outside the pools (a busy pool
 * must not make a healthy server look down, and a probe must not take a connection a client needs). A complete
 * login, not a bare TCP connect, because servers count half-open handshakes against max_connect_errors. The
 * probes of one call run in parallel, each bounded by the timeout.
 */
public final class BackendProbe {
    private BackendProbe() {
    }

    /** Whether each shard's primary answers now, by shard name in configuration order. */
    public static Map<String, Boolean> primaries(Backends backends, int timeoutMillis) {
        Map<BackendAddress, Boolean> up = probe(backends.all().stream().map(s -> s.primary().address()).toList(), timeoutMillis);
        Map<String, Boolean> shards = new LinkedHashMap<>();
        for (Shard shard : backends.all()) {
            shards.put(shard.name(), up.getOrDefault(shard.primary().address(), false));
        }
        return shards;
    }

    /** Each address's answer, in the order given; an address that does not answer in time is down. */
    public static Map<BackendAddress, Boolean> probe(List<BackendAddress> addresses, int timeoutMillis) {
        Map<BackendAddress, Boolean> up = new LinkedHashMap<>();
        try (ExecutorService probes = Executors.newVirtualThreadPerTaskExecutor()) {
            Map<BackendAddress, Future<Boolean>> pending = new LinkedHashMap<>();
            for (BackendAddress address : addresses) {
                pending.putIfAbsent(address, probes.submit(() -> answers(address, timeoutMillis)));
            }
            for (Map.Entry<BackendAddress, Future<Boolean>> e : pending.entrySet()) {
                up.put(e.getKey(), result(e.getValue(), timeoutMillis));
            }
            probes.shutdownNow();
        }
        return up;
    }

    private static boolean result(Future<Boolean> answer, int timeoutMillis) {
        try {
            return answer.get(timeoutMillis + 500L, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            answer.cancel(true);
            return false;
        }
    }

    private static boolean answers(BackendAddress address, int timeoutMillis) {
        String url = address.oneOffUrl(timeoutMillis, timeoutMillis) + "&connectionAttributes=program_name:shardwire-probe";
        try (Connection c = DriverManager.getConnection(url, address.user(), address.password());
             Statement s = c.createStatement()) {
            s.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
