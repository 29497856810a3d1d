package io.shardwire.server.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Delays, blocks, expiry and the bound on remembered addresses, on a clock the test moves. */
class LoginThrottleTest {
    private final AtomicLong now = new AtomicLong(1_000_000);

    private LoginThrottle throttle(int capacity) {
        return new LoginThrottle(5, 20, Duration.ofSeconds(60), Duration.ofMillis(5000), Duration.ofMinutes(10),
                capacity, now::get);
    }

    @Test
    void delaysDoubleFromTheSixthFailureUpToTheMaximum() {
        LoginThrottle t = throttle(100);
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            delays.add(t.failed("10.0.0.1").delayMillis());
        }
        assertEquals(List.of(0L, 0L, 0L, 0L, 0L, 100L, 200L, 400L, 800L, 1600L, 3200L, 5000L), delays);
        assertEquals(5000, t.delayAfter(Integer.MAX_VALUE), "no overflow");
        assertEquals(0, t.failed("10.0.0.2").delayMillis(), "another address has its own count");
    }

    @Test
    void theTwentiethFailureBlocksForTheBlockTimeAndAFailureAfterItBlocksAgain() {
        LoginThrottle t = throttle(100);
        for (int i = 1; i < 20; i++) {
            assertFalse(t.failed("10.0.0.1").startedBlock(), "failure " + i);
        }
        assertEquals(0, t.blockedForMillis("10.0.0.1"));
        LoginThrottle.Failure twentieth = t.failed("10.0.0.1");
        assertTrue(twentieth.startedBlock());
        assertEquals(20, twentieth.failures());
        assertEquals(60_000, t.blockedForMillis("10.0.0.1"));
        assertEquals(1, t.blockedAddresses());
        assertEquals(0, t.blockedForMillis("10.0.0.2"));
        now.addAndGet(60_000);
        assertEquals(0, t.blockedForMillis("10.0.0.1"));
        assertEquals(0, t.blockedAddresses());
        assertTrue(t.failed("10.0.0.1").startedBlock(), "the count is kept after the block: one more failure blocks again");
    }

    @Test
    void aSuccessfulLoginForgetsTheAddress() {
        LoginThrottle t = throttle(100);
        for (int i = 0; i < 19; i++) {
            t.failed("10.0.0.1");
        }
        t.succeeded("10.0.0.1");
        assertEquals(0, t.failures("10.0.0.1"));
        assertEquals(0, t.failed("10.0.0.1").delayMillis());
    }

    @Test
    void failuresAreForgottenAfterTheWindow() {
        LoginThrottle t = throttle(100);
        for (int i = 0; i < 10; i++) {
            t.failed("10.0.0.1");
        }
        now.addAndGet(Duration.ofMinutes(10).toMillis());
        assertEquals(1, t.failed("10.0.0.1").failures());
    }

    @Test
    void zeroNeverBlocks() {
        LoginThrottle t = new LoginThrottle(0, 0, Duration.ofSeconds(60), Duration.ofMillis(300), Duration.ofMinutes(10),
                10, now::get);
        for (int i = 0; i < 1000; i++) {
            assertFalse(t.failed("10.0.0.1").startedBlock());
        }
        assertEquals(0, t.blockedForMillis("10.0.0.1"));
        assertEquals(300, t.failed("10.0.0.1").delayMillis());
    }

    @Test
    void theTableNeverHoldsMoreThanItsCapacity() {
        LoginThrottle t = throttle(1000);
        for (int i = 0; i < 20; i++) {
            t.failed("10.9.9.9"); // blocked, and it keeps trying: recently seen, so it stays
        }
        for (int i = 0; i < 100_000; i++) {
            t.failed("10." + (i >> 16) + "." + ((i >> 8) & 0xFF) + "." + (i & 0xFF));
            if (i % 500 == 0) {
                t.blockedForMillis("10.9.9.9");
            }
            assertTrue(t.size() <= 1000, "size " + t.size());
        }
        assertEquals(1000, t.size());
        assertTrue(t.blockedForMillis("10.9.9.9") > 0);
        now.addAndGet(Duration.ofMinutes(11).toMillis());
        t.failed("192.168.0.1");
        assertEquals(1, t.size(), "expired entries go first");
    }

    @Test
    void flushForgetsEverything() {
        LoginThrottle t = throttle(100);
        for (int i = 0; i < 20; i++) {
            t.failed("10.0.0.1");
        }
        t.failed("10.0.0.2");
        assertEquals(2, t.flush());
        assertEquals(0, t.blockedForMillis("10.0.0.1"));
        assertEquals(0, t.blockedAddresses());
    }

    @Test
    void namesAreCutForMessages() {
        assertEquals("app", Authenticator.shown("app"));
        assertEquals("x".repeat(80), Authenticator.shown("x".repeat(80)));
        assertEquals("x".repeat(80) + "...", Authenticator.shown("x".repeat(10_240)));
    }
}
