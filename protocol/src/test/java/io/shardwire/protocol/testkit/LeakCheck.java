package io.shardwire.protocol.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty's leak detector reports a {@code ByteBuf} that was garbage collected
 * without being released. Netty only logs leaks, and only when the leaked buffer happens to be collected,
 * so this forces a few collections after the class and turns every report into a failure.
 *
 * <p>Checked per class, not per test: a forced GC per test would make the split-at-every-offset and
 * seeded-garbage tests far slower, and a leak is still pinned to the class that caused it.
 */
public final class LeakCheck implements BeforeAllCallback, AfterAllCallback {
    // Netty's leak listener is global; so is the list it fills. Tests run on one thread (surefire default).
    private static final Queue<String> LEAKS = new ConcurrentLinkedQueue<>();

    static {
        ByteBufUtil.setLeakListener((resourceType, records) -> LEAKS.add(resourceType + " leaked:" + records));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // Sampling would let most leaks through; the parent pom sets paranoid for surefire.
        assertEquals(ResourceLeakDetector.Level.PARANOID, ResourceLeakDetector.getLevel(),
                "run the tests with -Dio.netty.leakDetection.level=paranoid (the parent pom does for surefire)");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        List<String> leaks = collect(leak -> true);
        if (!leaks.isEmpty()) {
            fail(leaks.size() + " ByteBuf leak(s) in " + context.getDisplayName() + ":\n"
                    + String.join("\n\n", leaks));
        }
    }

    /**
     * Forces collection, lets the detector poll its reference queue, and removes and returns the reports
     * that match. The detector only looks at its queue when it tracks a new buffer, hence the allocations.
     */
    public static List<String> collect(Predicate<String> which) {
        for (int i = 0; i < 6; i++) {
            System.gc();
            try {
                Thread.sleep(15);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            PooledByteBufAllocator.DEFAULT.directBuffer(1).release();
            PooledByteBufAllocator.DEFAULT.heapBuffer(1).release();
        }
        List<String> matched = new ArrayList<>();
        LEAKS.removeIf(leak -> {
            if (which.test(leak)) {
                matched.add(leak);
                return true;
            }
            return false;
        });
        return matched;
    }
}
