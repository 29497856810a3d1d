package io.shardwire.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The client of {@code bench/idle-sessions.sh}: opens many MySQL logins (Connector/J) and holds them idle, so
 * that the script can measure the proxy's heap while they are open.
 *
 * <pre>
 * java -cp benchmarks.jar io.shardwire.benchmarks.IdleSessions \
 *     HOST PORT USER PASSWORD N [THREADS] [WARMUP] [DATABASE]
 * </pre>
 *
 * <p>It first opens, queries ({@code SELECT 1}) and closes WARMUP connections (default {@code min(64, N)}), so
 * the proxy's one-time costs are paid before the script's baseline, and prints {@code WARM ok/WARMUP}. Every
 * connection logs in to DATABASE when given (as an application's pool would), to no database otherwise. Then
 * it is driven by lines on stdin, and answers each with one line on stdout that the script waits for:
 * <ul>
 *   <li>{@code open}: opens N connections from THREADS threads (default 32), printing progress, then
 *       {@code OPEN opened failed};</li>
 *   <li>{@code query}: runs {@code SELECT 1} once on every open connection, then {@code READY n ok failed}
 *       ({@code n}: the connections open);</li>
 *   <li>{@code close} or the end of stdin: closes every connection, prints {@code CLOSED n} and exits.</li>
 * </ul>
 * Without a script, type the commands. Exits 0 when every login and every query succeeded, 1 otherwise,
 * 2 on bad arguments.
 */
public final class IdleSessions {
    private static final int MAX_ERRORS_SHOWN = 5;

    private final String url;
    private final Properties login = new Properties();
    private final ExecutorService pool;
    private final Set<String> errors = ConcurrentHashMap.newKeySet();
    private final AtomicInteger errorCount = new AtomicInteger();

    private IdleSessions(String host, int port, String user, String password, String database, int threads) {
        // no TLS (the bench proxy offers none), and no timeouts that an idle connection would hit
        this.url = "jdbc:mysql://" + host + ":" + port + "/" + database
                + "?sslMode=DISABLED&allowPublicKeyRetrieval=true"
                + "&connectTimeout=30000&socketTimeout=300000&tcpKeepAlive=true";
        login.setProperty("user", user);
        login.setProperty("password", password);
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "idle-sessions");
            t.setDaemon(true);
            return t;
        });
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5 || args.length > 8) {
            System.err.println("usage: IdleSessions HOST PORT USER PASSWORD N [THREADS] [WARMUP] [DATABASE]");
            System.exit(2);
        }
        int port;
        int n;
        int threads;
        int warmup;
        try {
            port = Integer.parseInt(args[1]);
            n = Integer.parseInt(args[4]);
            threads = args.length > 5 ? Integer.parseInt(args[5]) : 32;
            warmup = args.length > 6 ? Integer.parseInt(args[6]) : Math.min(64, n);
        } catch (NumberFormatException e) {
            System.err.println("IdleSessions: not a number: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (n < 1 || threads < 1 || warmup < 0) {
            System.err.println("IdleSessions: N and THREADS must be at least 1, WARMUP at least 0");
            System.exit(2);
        }
        String database = args.length > 7 ? args[7] : "";
        System.exit(new IdleSessions(args[0], port, args[2], args[3], database, threads).run(n, warmup) ? 0 : 1);
    }

    private boolean run(int n, int warmup) throws Exception {
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        boolean allOk = true;

        if (warmup > 0) {
            AtomicReferenceArray<Connection> warm = new AtomicReferenceArray<>(warmup);
            int opened = open(warm, false);
            int[] queried = query(warm);
            close(warm);
            say("WARM " + queried[0] + "/" + warmup);
            allOk &= opened == warmup && queried[1] == 0;
        }

        AtomicReferenceArray<Connection> connections = new AtomicReferenceArray<>(n);
        String command;
        while ((command = stdin.readLine()) != null && !command.strip().equals("open")) {
            if (command.strip().equals("close")) {
                say("CLOSED 0");
                return allOk;
            }
            System.err.println("IdleSessions: expected 'open', got '" + command + "'");
        }
        if (command == null) {
            say("CLOSED 0");
            return allOk;
        }

        long start = System.nanoTime();
        int opened = open(connections, true);
        double seconds = (System.nanoTime() - start) / 1e9;
        info(String.format(Locale.ROOT, "opened %d of %d connections in %.1f s (%.0f/s), %d failed", opened, n,
                seconds, opened / Math.max(seconds, 1e-3), n - opened));
        showErrors();
        say("OPEN " + opened + " " + (n - opened));
        allOk &= opened == n;

        boolean queried = false;
        while ((command = stdin.readLine()) != null && !command.strip().equals("close")) {
            if (command.strip().equals("query")) {
                int[] result = query(connections);
                showErrors();
                say("READY " + opened + " " + result[0] + " " + result[1]);
                allOk &= result[1] == 0;
                queried = true;
            } else {
                System.err.println("IdleSessions: expected 'query' or 'close', got '" + command + "'");
            }
        }
        if (!queried) {
            info("closing without having run SELECT 1");
        }
        int closed = close(connections);
        say("CLOSED " + closed);
        pool.shutdownNow();
        return allOk;
    }

    /** Opens a connection into every slot of {@code into}; returns how many succeeded. */
    private int open(AtomicReferenceArray<Connection> into, boolean progress) throws Exception {
        int n = into.length();
        int step = Math.max(1, n / 10);
        AtomicInteger done = new AtomicInteger();
        AtomicInteger opened = new AtomicInteger();
        List<Future<?>> tasks = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int slot = i;
            tasks.add(pool.submit(() -> {
                try {
                    into.set(slot, DriverManager.getConnection(url, login));
                    opened.incrementAndGet();
                } catch (SQLException | RuntimeException e) {
                    error("login", e);
                }
                int d = done.incrementAndGet();
                if (progress && (d % step == 0 || d == n)) {
                    info("  " + d + "/" + n + " logins done, " + opened.get() + " open");
                }
            }));
        }
        for (Future<?> task : tasks) {
            task.get();
        }
        return opened.get();
    }

    /** Runs SELECT 1 once on every open connection; returns {ok, failed}. */
    private int[] query(AtomicReferenceArray<Connection> on) throws Exception {
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<Future<?>> tasks = new ArrayList<>(on.length());
        for (int i = 0; i < on.length(); i++) {
            Connection c = on.get(i);
            if (c == null) {
                continue;
            }
            tasks.add(pool.submit(() -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
                    if (rs.next() && rs.getInt(1) == 1) {
                        ok.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                        error("SELECT 1", new SQLException("SELECT 1 did not return 1"));
                    }
                } catch (SQLException | RuntimeException e) {
                    failed.incrementAndGet();
                    error("SELECT 1", e);
                }
            }));
        }
        for (Future<?> task : tasks) {
            task.get();
        }
        return new int[] {ok.get(), failed.get()};
    }

    /** Closes and clears every slot; returns how many were open. */
    private int close(AtomicReferenceArray<Connection> slots) throws Exception {
        AtomicInteger closed = new AtomicInteger();
        List<Future<?>> tasks = new ArrayList<>(slots.length());
        for (int i = 0; i < slots.length(); i++) {
            Connection c = slots.getAndSet(i, null);
            if (c == null) {
                continue;
            }
            tasks.add(pool.submit(() -> {
                try {
                    c.close();
                } catch (SQLException | RuntimeException e) {
                    error("close", e);
                }
                closed.incrementAndGet();
            }));
        }
        for (Future<?> task : tasks) {
            task.get();
        }
        return closed.get();
    }

    private void error(String what, Exception e) {
        errorCount.incrementAndGet();
        String message = what + ": " + e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()).lines()
                .findFirst().orElse("");
        if (errors.size() < MAX_ERRORS_SHOWN) {
            errors.add(message);
        }
    }

    private void showErrors() {
        if (!errors.isEmpty()) {
            info("errors so far: " + errorCount.get() + "; the first kinds:");
            errors.forEach(e -> info("  " + e));
        }
    }

    /** A line the driving script waits for. */
    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /** A progress or diagnostic line (prefixed, so no script mistakes it for an answer). */
    private static void info(String line) {
        System.out.println("# " + line);
        System.out.flush();
    }
}
