package io.shardwire.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.shardwire.protocol.Packet;
import io.shardwire.protocol.PacketDecoder;
import io.shardwire.protocol.ServerStatus;
import io.shardwire.protocol.command.ComQuery;
import io.shardwire.protocol.command.CommandDecoder;
import io.shardwire.protocol.packet.OkPacket;
import io.shardwire.protocol.packet.RowEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The protocol work around each statement: reading a COM_QUERY (the payload through {@link CommandDecoder} to the
 * SQL string; and the same from the raw frame through {@link PacketDecoder} in an {@link EmbeddedChannel}), and
 * writing the answer: one text result row of sysbench's {@code sbtest} ({@code id, k, c, pad}) and the OK packet of
 * a write, each into a pooled buffer as the server's writers do. Every statement pays one decode, and every row or
 * OK it returns one encode, so these bound what the codec adds per statement and per row.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CodecBenchmark {

    private static final String SQL = "SELECT c FROM sbtest1 WHERE id=5021";

    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private ByteBuf payload;
    private ByteBuf frame;
    private EmbeddedChannel channel;
    private byte[][] row;
    private OkPacket ok;

    @Setup
    public void setUp() {
        byte[] sql = SQL.getBytes(StandardCharsets.UTF_8);
        payload = alloc.directBuffer(1 + sql.length).writeByte(0x03).writeBytes(sql);
        frame = alloc.directBuffer(4 + payload.readableBytes())
                .writeMediumLE(payload.readableBytes()).writeByte(0).writeBytes(payload, 0, payload.readableBytes());
        channel = new EmbeddedChannel(new PacketDecoder(64L << 20));
        SysbenchValues values = new SysbenchValues();
        row = new byte[][] {
            Integer.toString(values.id()).getBytes(StandardCharsets.US_ASCII),
            Integer.toString(values.id()).getBytes(StandardCharsets.US_ASCII),
            values.c().getBytes(StandardCharsets.US_ASCII),
            values.pad().getBytes(StandardCharsets.US_ASCII)};
        ok = new OkPacket(1, 0, ServerStatus.AUTOCOMMIT, 0, "");
        if (!SQL.equals(decodeComQuery()) || !SQL.equals(frameAndDecodeComQuery())) {
            throw new IllegalStateException("COM_QUERY did not decode to " + SQL);
        }
    }

    @TearDown
    public void tearDown() {
        payload.release();
        frame.release();
        channel.finishAndReleaseAll();
    }

    /** The payload of a packet already framed: command byte, then the SQL as a String. */
    @Benchmark
    public String decodeComQuery() {
        ComQuery query = (ComQuery) CommandDecoder.decode(payload.duplicate());
        return query.sql(StandardCharsets.UTF_8);
    }

    /** The 4-byte header and payload as they arrive from the socket, framed by the pipeline's decoder. */
    @Benchmark
    public String frameAndDecodeComQuery() {
        channel.writeInbound(frame.retainedDuplicate());
        Packet packet = channel.readInbound();
        try {
            ComQuery query = (ComQuery) CommandDecoder.decode(packet.payload());
            return query.sql(StandardCharsets.UTF_8);
        } finally {
            packet.release();
        }
    }

    @Benchmark
    public int encodeTextRow() {
        ByteBuf out = alloc.ioBuffer(64);
        try {
            RowEncoder.TEXT.encode(out, List.of(), row);
            return out.readableBytes();
        } finally {
            out.release();
        }
    }

    @Benchmark
    public int encodeOk() {
        ByteBuf out = alloc.ioBuffer(64);
        try {
            ok.writeTo(out);
            return out.readableBytes();
        } finally {
            out.release();
        }
    }
}
