package io.shardwire.embedded;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running {@code mariadbd} child process, from launch to exit.
 *
 * <p>It dies with the JVM twice over: a shutdown hook stops it cleanly on a normal exit, and a
 * {@link Watchdog} kills it when the JVM itself is killed. Thread-safe: {@link Process} is, and the hook may
 * call {@link #stop(Duration)} concurrently with its owner; stopping twice is harmless.
 */
final class MariaDbProcess {
    private static final Logger log = LoggerFactory.getLogger(MariaDbProcess.class);
    private static final Duration HOOK_STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration PROBE_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final long PROBE_INTERVAL_MILLIS = 25;

    private final String name;
    private final MariaDbCommandLine commandLine;
    private final List<String> command;
    private final Process process;
    private final Watchdog watchdog;
    private final Thread shutdownHook;
    /** Error log size at launch: a failure shows only what this run wrote. */
    private final long errorLogOffset;

    private MariaDbProcess(String name, MariaDbCommandLine commandLine, List<String> command, Process process,
            Watchdog watchdog, long errorLogOffset) {
        this.name = name;
        this.commandLine = commandLine;
        this.command = command;
        this.process = process;
        this.watchdog = watchdog;
        this.errorLogOffset = errorLogOffset;
        this.shutdownHook = Thread.ofPlatform().name("mariadb-stop-" + name).unstarted(this::stopOnJvmExit);
    }

    static MariaDbProcess launch(String name, MariaDbCommandLine commandLine, boolean waitForPort) {
        ServerLayout layout = commandLine.layout();
        long offset = layout.errorLogSize();
        List<String> command = commandLine.server(waitForPort);
        log.debug("Starting MariaDB '{}': {}", name, command);
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(layout.consoleLog().toFile()))
                    .redirectInput(Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            Watchdog watchdog;
            try {
                watchdog = Watchdog.guard(process.pid());
            } catch (IOException e) {
                process.destroyForcibly();
                throw e;
            }
            MariaDbProcess started = new MariaDbProcess(name, commandLine, command, process, watchdog, offset);
            // If mariadbd dies on its own, its pid may be recycled: the watchdog must not outlive it.
            process.onExit().thenRun(watchdog::disarm);
            Runtime.getRuntime().addShutdownHook(started.shutdownHook);
            return started;
        } catch (IOException e) {
            throw new MariaDbStartException("cannot run " + command.get(0) + " for MariaDB '" + name + "': " + e, e);
        }
    }

    /**
     * Waits until this server answers SQL and returns its {@code VERSION()}.
     *
     * <p>The probe checks {@code @@datadir}: if another process grabbed the port between our choosing it and
     * mariadbd binding it, that process may answer while ours is about to exit with "Address already in use".
     * On failure the process is killed, so a caller never has to clean up after a server that did not start.
     */
    String awaitReady(Duration timeout) {
        try {
            return probeUntilReady(timeout);
        } catch (RuntimeException e) {
            kill();
            throw e;
        }
    }

    private String probeUntilReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        SQLException lastProbeError = null;
        while (true) {
            if (!process.isAlive()) {
                throw failure("exited with code " + process.exitValue() + " before accepting connections", null);
            }
            try (Connection connection = RootConnection.open(commandLine.port(), PROBE_CONNECT_TIMEOUT);
                    Statement statement = connection.createStatement();
                    ResultSet row = statement.executeQuery("SELECT @@datadir, VERSION()")) {
                row.next();
                if (Path.of(row.getString(1)).equals(commandLine.layout().dataDir())) {
                    return row.getString(2);
                }
            } catch (SQLException e) {
                lastProbeError = e;
            }
            if (System.nanoTime() > deadline) {
                throw failure("did not accept connections within " + timeout.toSeconds() + " s", lastProbeError);
            }
            sleep(PROBE_INTERVAL_MILLIS);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** Clean shutdown (SIGTERM makes mariadbd flush and exit); SIGKILL if it takes longer than the timeout. */
    void stop(Duration timeout) {
        watchdog.disarm();
        process.destroy();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("MariaDB '{}' did not shut down within {} s; killing it", name, timeout.toSeconds());
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        removeShutdownHook();
    }

    /** SIGKILL, as in a crash: no flush, InnoDB and the binlog recover at the next start. */
    void kill() {
        watchdog.disarm();
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        removeShutdownHook();
    }

    private void stopOnJvmExit() {
        if (process.isAlive()) {
            stop(HOOK_STOP_TIMEOUT);
        }
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException jvmAlreadyExiting) {
            // The hook is running or about to; nothing left to undo.
        }
    }

    private MariaDbStartException failure(String what, Throwable cause) {
        ServerLayout layout = commandLine.layout();
        String tail = LogTail.of(layout.errorLog(), errorLogOffset);
        boolean portInUse = tail.contains("Address already in use");
        return new MariaDbStartException("MariaDB '" + name + "' (pid " + process.pid() + ", 127.0.0.1:"
                + commandLine.port() + ") " + what + "\ncommand: " + String.join(" ", command)
                + "\n--- " + layout.errorLog() + " (tail) ---\n" + tail
                + LogTail.section(layout.consoleLog(), 0), portInUse, cause);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MariaDbStartException("interrupted while waiting for MariaDB to start", e);
        }
    }
}
