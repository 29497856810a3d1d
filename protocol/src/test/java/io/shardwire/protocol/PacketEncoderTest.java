package io.shardwire.protocol;

import static io.shardwire.protocol.testkit.Fixture.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.shardwire.protocol.testkit.Bufs;
import io.shardwire.protocol.testkit.Fixture;
import io.shardwire.protocol.testkit.LeakCheck;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Writing packets, and payloads of 16 MiB - 1 bytes or more split into chunks (MySQL "Sending More Than
 * 16Mb"): every chunk but the last is exactly 0xFFFFFF bytes, ids count up from the packet's id, and a
 * payload that is an exact multiple of 0xFFFFFF ends with an empty chunk so the reader knows it is over.
 */
@ExtendWith(LeakCheck.class)
class PacketEncoderTest {
    private static final int MAX_CHUNK = PacketDecoder.MAX_CHUNK;

    @ParameterizedTest(name = "seq {0}, payload \"{1}\" -> {2}")
    @CsvSource(delimiter = '|', value = {
        "0   | ''             | 00000000",
        "3   | 0e             | 010000030e",
        "255 | 0102           | 020000ff0102",
        "2   | 00000002000000 | 0700000200000002000000",
    })
    void writesHeaderAndPayload(int seq, String payload, String wire) {
        assertEquals(wire, hex(encode(seq, hex(payload))));
    }

    static List<String> fixtures() {
        return Fixture.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void rewritesEveryCapturedPacketByteForByte(String name) {
        for (Fixture.Frame frame : Fixture.load(name).frames()) {
            assertEquals(hex(frame.wire()), hex(encode(frame.sequenceId(), frame.payload())));
        }
    }

    @Test
    void releasesThePayloadOnceWritten() {
        EmbeddedChannel channel = new EmbeddedChannel(new PacketEncoder());
        ByteBuf payload = Bufs.of(hex("0353454c4543542031"));
        assertTrue(channel.writeOutbound(new Packet(0, payload)));
        releaseAll(readOutbound(channel));
        assertEquals(0, payload.refCnt());
        assertFalse(channel.finish());
    }

    @ParameterizedTest(name = "(seq {0}, {1} bytes) -> next seq {2}")
    @CsvSource({
        "0,   0,        1",
        "0,   16777214, 1",
        "0,   16777215, 2",   // full chunk + empty chunk
        "0,   16777216, 2",
        "0,   33554430, 3",   // two full chunks + empty chunk
        "0,   33554431, 3",
        "255, 0,        0",
        "254, 33554430, 1",
    })
    void nextSequenceIdCountsEveryChunk(int seq, int length, int next) {
        assertEquals(next, PacketEncoder.nextSequenceId(seq, length));
    }

    /** Payload length, first sequence id, and the chunk lengths the wire must show. */
    @ParameterizedTest(name = "{0} bytes from seq {1} -> chunks [{2}]")
    @CsvSource({
        "16777214, 0,   16777214",
        "16777215, 0,   16777215 0",
        "16777216, 1,   16777215 1",            // 16 MiB: one byte past a full chunk
        "16781312, 5,   16777215 4097",         // 16 MiB + 4 KiB
        "33554430, 254, 16777215 16777215 0",   // ids wrap: 254, 255, 0
        "33554431, 3,   16777215 16777215 1",
    })
    void splitsLargePayloadsAndTheDecoderJoinsThemAgain(int length, int seq, String chunkLengths) {
        byte[] expected = pattern(length);
        ByteBuf payload = PooledByteBufAllocator.DEFAULT.directBuffer(length).writeBytes(expected);
        EmbeddedChannel encoder = new EmbeddedChannel(new PacketEncoder());
        encoder.writeOutbound(new Packet(seq, payload));
        List<ByteBuf> out = readOutbound(encoder);
        assertFalse(encoder.finish());

        int[] lengths = Arrays.stream(chunkLengths.split(" ")).mapToInt(Integer::parseInt).toArray();
        List<ByteBuf> chunks = new ArrayList<>();
        int i = 0;
        int offset = 0;
        // Outbound is header, payload slice, header, payload slice, ..., an empty chunk being a header alone.
        for (int c = 0; c < lengths.length; c++) {
            ByteBuf header = out.get(i++);
            assertEquals(4, header.readableBytes());
            assertEquals(lengths[c], header.getUnsignedMediumLE(0), "length of chunk " + c);
            assertEquals((seq + c) & 0xFF, header.getUnsignedByte(3), "sequence id of chunk " + c);
            chunks.add(header);
            if (lengths[c] > 0) {
                ByteBuf body = out.get(i++);
                // One bulk copy: paranoid leak detection records a stack trace on every single get.
                assertArrayEquals(Arrays.copyOfRange(expected, offset, offset + lengths[c]), Bufs.bytes(body),
                        "content of chunk " + c);
                offset += lengths[c];
                chunks.add(body);
            }
        }
        assertEquals(out.size(), i, "no buffers beyond the expected chunks");
        assertEquals((seq + lengths.length) & 0xFF, PacketEncoder.nextSequenceId(seq, length));

        // Socket-sized pieces of an odd size move every later header across a piece boundary.
        byte[] wire = concat(chunks);
        releaseAll(chunks);
        assertEquals(0, payload.refCnt(), "the encoder must not keep the payload");
        assertRoundTrip(seq, expected, wire, 65_521);
        assertRoundTrip(seq, expected, wire, wire.length);
    }

    private static void assertRoundTrip(int seq, byte[] expected, byte[] wire, int pieceSize) {
        EmbeddedChannel decoder = new EmbeddedChannel(new PacketDecoder(64L * 1024 * 1024));
        List<ByteBuf> pieces = new ArrayList<>();
        for (int from = 0; from < wire.length; from += pieceSize) {
            ByteBuf piece = PooledByteBufAllocator.DEFAULT.directBuffer(pieceSize)
                    .writeBytes(wire, from, Math.min(pieceSize, wire.length - from));
            pieces.add(piece);
            decoder.writeInbound(piece);
        }
        Packet packet = decoder.readInbound();
        try {
            assertEquals(seq, packet.sequenceId(), "the joined packet carries its first chunk's id");
            assertEquals(expected.length, packet.payload().readableBytes());
            assertArrayEquals(expected, Bufs.bytes(packet.payload()), "joined payload");
        } finally {
            packet.release();
        }
        assertFalse(decoder.finish(), "exactly one packet, nothing left over");
        for (ByteBuf piece : pieces) {
            assertEquals(0, piece.refCnt());
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------

    /** Bytes that differ from chunk to chunk, so a lost, repeated or reordered chunk shows. */
    private static byte[] pattern(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + i / 251);
        }
        return bytes;
    }

    private static byte[] encode(int seq, byte[] payload) {
        EmbeddedChannel channel = new EmbeddedChannel(new PacketEncoder());
        channel.writeOutbound(new Packet(seq, Bufs.of(payload)));
        List<ByteBuf> out = readOutbound(channel);
        byte[] wire = concat(out);
        releaseAll(out);
        assertFalse(channel.finish());
        return wire;
    }

    private static List<ByteBuf> readOutbound(EmbeddedChannel channel) {
        List<ByteBuf> out = new ArrayList<>();
        for (ByteBuf b; (b = channel.readOutbound()) != null; ) {
            out.add(b);
        }
        return out;
    }

    private static byte[] concat(List<ByteBuf> bufs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuf b : bufs) {
            out.writeBytes(Bufs.bytes(b));
        }
        return out.toByteArray();
    }

    private static void releaseAll(List<ByteBuf> bufs) {
        // A payload slice's release() is true only for the last one, so check the counts afterwards.
        bufs.forEach(ByteBuf::release);
        for (ByteBuf b : bufs) {
            assertEquals(0, b.refCnt(), "outbound buffers have one owner");
        }
    }
}
