package io.shardwire.server.frontend;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one session's tasks one after another on a shared executor (virtual threads), so a session's state
 * needs no locks and blocking JDBC work never runs on the Netty event loop.
 */
final class SerialExecutor {
    private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);

    private final Executor executor;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicInteger pending = new AtomicInteger();

    SerialExecutor(Executor executor) {
        this.executor = executor;
    }

    /** Queues a task; returns how many tasks are waiting, for inbound back-pressure. */
    int submit(Runnable task) {
        tasks.add(task);
        int waiting = pending.incrementAndGet();
        if (running.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
        return waiting;
    }

    int pending() {
        return pending.get();
    }

    private void drain() {
        while (true) {
            Runnable task;
            while ((task = tasks.poll()) != null) {
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    log.error("session task failed", e);
                } finally {
                    pending.decrementAndGet();
                }
            }
            running.set(false);
            if (tasks.isEmpty() || !running.compareAndSet(false, true)) {
                return;
            }
        }
    }
}
