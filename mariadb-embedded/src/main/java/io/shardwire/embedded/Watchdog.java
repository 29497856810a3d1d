package io.shardwire.embedded;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;

/**
 * Kills a child process when this JVM dies in a way that skips shutdown hooks ({@code kill -9}, a crash, a
 * surefire fork timeout), so no orphaned mariadbd keeps a port, memory and CPU.
 *
 * <p>A tiny shell waits on a pipe from this JVM; only the JVM holds the write end, so the read returns when
 * the JVM is gone, however it went, and the shell then kills the child. No native call ({@code prctl}) needed.
 * {@link #disarm()} SIGKILLs the shell first, so it can never kill a recycled pid after a normal stop.
 *
 * <p>Thread-safe: the only state is the final process handle.
 */
final class Watchdog {
    private static final String SCRIPT = "read -r ignored; kill -9 \"$1\" 2>/dev/null";

    /** Held so its stdin pipe stays open (an unreachable Process would let the fd be closed and fire). */
    private final Process guard;

    private Watchdog(Process guard) {
        this.guard = guard;
    }

    static Watchdog guard(long pid) throws IOException {
        Process guard = new ProcessBuilder("/bin/sh", "-c", SCRIPT, "shardwire-watchdog", Long.toString(pid))
                .redirectOutput(Redirect.DISCARD)
                .redirectError(Redirect.DISCARD)
                .start();
        return new Watchdog(guard);
    }

    void disarm() {
        guard.destroyForcibly();
    }
}
