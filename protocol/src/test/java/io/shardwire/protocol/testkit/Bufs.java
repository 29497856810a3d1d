package io.shardwire.protocol.testkit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.function.Consumer;
import java.util.function.Function;

/** Real, leak-tracked buffers for tests: pooled direct buffers, like the ones a socket read produces. */
public final class Bufs {
    private Bufs() {
    }

    /** A pooled direct buffer holding {@code bytes}; the caller owns it. */
    public static ByteBuf of(byte[] bytes) {
        return PooledByteBufAllocator.DEFAULT.directBuffer(Math.max(1, bytes.length)).writeBytes(bytes);
    }

    /** The readable bytes, without moving the reader index. */
    public static byte[] bytes(ByteBuf buf) {
        return ByteBufUtil.getBytes(buf);
    }

    /** Runs {@code reader} on a buffer holding {@code bytes} and releases the buffer whatever happens. */
    public static <T> T read(byte[] bytes, Function<ByteBuf, T> reader) {
        ByteBuf buf = of(bytes);
        try {
            return reader.apply(buf);
        } finally {
            buf.release();
        }
    }

    /** Runs {@code writer} into a fresh buffer and returns what it wrote; the buffer is released. */
    public static byte[] write(Consumer<ByteBuf> writer) {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer();
        try {
            writer.accept(buf);
            return bytes(buf);
        } finally {
            buf.release();
        }
    }
}
