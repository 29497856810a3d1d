package io.shardwire.it.clients;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client program from the operating system (the {@code mariadb} CLI, sysbench) that a test drives as a user
 * would. When it is not installed the test is skipped with a visible message, except when {@code CI=true}:
 * CI installs these tools ({@code .ci/run}), so there a missing tool fails the test instead of hiding it.
 *
 * <p>Immutable.
 */
record ExternalTool(Path executable) {
    private static final Logger log = LoggerFactory.getLogger(ExternalTool.class);

    /** Finds {@code name} on the PATH, or skips (fails under CI) the calling test; {@code aptPackage} is the fix. */
    static ExternalTool require(String name, String aptPackage) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return new ExternalTool(candidate);
            }
        }
        return unavailable("'" + name + "' is not on the PATH, so this client test cannot run; install it with"
                + " 'apt-get install " + aptPackage + "'");
    }

    /**
     * Skips the calling test because something it needs from outside (a program, a package it installs) cannot be
     * had here, saying why; under {@code CI=true} fails it instead, since CI provides everything. Never returns.
     */
    static <T> T unavailable(String message) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message + " (CI=true: client tools are required there)");
        }
        log.warn("SKIPPED: {}", message);
        Assumptions.abort("SKIPPED: " + message);
        throw new AssertionError("unreachable");
    }

    /** What a finished run printed. */
    record Run(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout ---\n" + stdout + "\n--- stderr ---\n" + stderr;
        }
    }

    /** Runs the tool with {@code args}, feeding {@code stdin}; kills it after {@code timeoutSeconds}. */
    Run run(List<String> args, String stdin, long timeoutSeconds) {
        return run(args, stdin, timeoutSeconds, null);
    }

    /** As {@link #run(List, String, long)}, in {@code workingDir} (null: this JVM's). */
    Run run(List<String> args, String stdin, long timeoutSeconds, Path workingDir) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        if (workingDir != null) {
            builder.directory(workingDir.toFile());
        }
        builder.environment().put("LC_ALL", "C.UTF-8");
        try {
            Process process = builder.start();
            CompletableFuture<String> out = drain(process.getInputStream());
            CompletableFuture<String> err = drain(process.getErrorStream());
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // the tool exited without reading its input; its output says why
            }
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(command + " did not finish in " + timeoutSeconds + " s; output so far:\n"
                        + out.getNow("") + err.getNow(""));
            }
            return new Run(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        // a thread of its own per stream: a shared pool could leave stderr unread while stdout blocks
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, task -> Thread.ofPlatform().daemon().name("tool-output").start(task));
    }
}
