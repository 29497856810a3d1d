package io.shardwire.server.execution;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.shardwire.protocol.packet.ColumnDefinition;
import io.shardwire.server.error.ProxyError;
import java.util.ArrayList;
import java.util.List;

/**
 * The result of a COM_STMT_EXECUTE that asked for a cursor, held in the proxy for COM_STMT_FETCH: the column
 * definitions and the rows already encoded as binary rows. The whole result is read from the backend first
 * (the backend connection goes back to its pool at once), up to a memory bound; past it the execution fails
 * with a clear error instead of the proxy running out of memory.
 *
 * <p>Owned by the session's worker thread.
 */
public final class CursorBuffer {
    private final long maxBytes;
    private final List<byte[]> rows = new ArrayList<>();
    private List<ColumnDefinition> columns;
    private long bytes;
    private int next;

    public CursorBuffer(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** Bytes of rows held. */
    public long bytes() {
        return bytes;
    }

    void start(List<ColumnDefinition> columns) {
        this.columns = columns;
    }

    /** Takes a copy of an encoded row; the caller keeps ownership of {@code payload}. */
    void add(ByteBuf payload) {
        bytes += payload.readableBytes();
        if (bytes > maxBytes) {
            throw ProxyError.CURSOR_TOO_LARGE.exception(maxBytes);
        }
        rows.add(ByteBufUtil.getBytes(payload));
    }

    /** Whether the statement produced a result set (and so opened a cursor). */
    public boolean opened() {
        return columns != null;
    }

    public List<ColumnDefinition> columns() {
        return columns;
    }

    /** The next rows, at most {@code count}; fewer (or none) when the cursor runs out. */
    public List<byte[]> fetch(long count) {
        int end = (int) Math.min(rows.size(), next + Math.max(count, 1));
        List<byte[]> batch = rows.subList(next, end);
        next = end;
        return batch;
    }

    public boolean exhausted() {
        return next >= rows.size();
    }
}
