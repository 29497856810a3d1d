package io.shardwire.protocol.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Proves {@link LeakCheck} can fail: without this, a silently broken leak check would pass every class. */
@ExtendWith(LeakCheck.class)
class LeakCheckTest {
    private static final String HINT = "LeakCheckTest: deliberately leaked";

    @Test
    void reportsABufferThatWasNeverReleased() {
        leakOne();
        // The report is removed here, so the class-level check that runs afterwards still passes.
        List<String> leaks = LeakCheck.collect(leak -> leak.contains(HINT));
        assertEquals(1, leaks.size(), "the leaked buffer must be reported exactly once");
    }

    private static void leakOne() {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(8);
        buf.touch(HINT);
        buf.writeLong(42);
    }
}
