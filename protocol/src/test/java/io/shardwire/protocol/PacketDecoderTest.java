package io.shardwire.protocol;

import static io.shardwire.protocol.testkit.Fixture.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.shardwire.protocol.testkit.Bufs;
import io.shardwire.protocol.testkit.Fixture;
import io.shardwire.protocol.testkit.LeakCheck;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Framing of the byte stream into packets (MySQL "Protocol Basics: MySQL Packets"). Every stream is fed
 * whole, one byte at a time and cut in two at every offset: a socket may deliver any of those, and the
 * decoder must produce the same packets and keep nothing back.
 */
@ExtendWith(LeakCheck.class)
class PacketDecoderTest {
    private static final long MAX = 16 * 1024 * 1024;

    /** A decoded packet as plain data, so packets can be compared and released right away. */
    record Decoded(int sequenceId, String payloadHex) {
        static Decoded of(Fixture.Frame frame) {
            return new Decoded(frame.sequenceId(), frame.payloadHex());
        }
    }

    @ParameterizedTest(name = "{0} -> seq {1}, payload \"{2}\"")
    @CsvSource(delimiter = '|', value = {
        // wire                                   | seq | payload
        "00000000                                 | 0   | ''",
        "0100000001                               | 0   | 01",
        "0100000e0e                               | 14  | 0e",
        "010000ff0e                               | 255 | 0e",
        "0700000200000002000000                   | 2   | 00000002000000",
        "0500000dfe00002200                       | 13  | fe00002200",
    })
    void decodesOnePacket(String wire, int seq, String payload) {
        assertEquals(List.of(new Decoded(seq, payload)), feedEveryWay(hex(wire)));
    }

    @Test
    void decodesSeveralPacketsFromOneBuffer() {
        byte[] wire = hex("0100000001" + "00000001" + "0400000203666f6f" + "0100000309");
        assertEquals(List.of(new Decoded(0, "01"), new Decoded(1, ""), new Decoded(2, "03666f6f"),
                new Decoded(3, "09")), feedEveryWay(wire));
    }

    static List<String> fixtures() {
        return Fixture.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void decodesEveryCapturedStream(String name) {
        Fixture fixture = Fixture.load(name);
        // Both directions of a relayed session in one stream: the decoder does not care who sent what.
        List<Decoded> expected = fixture.frames().stream().map(Decoded::of).toList();
        assertEquals(expected, feedEveryWay(fixture.stream()));
    }

    @Test
    void waitsForTheWholeHeaderAndPayload() {
        EmbeddedChannel channel = new EmbeddedChannel(new PacketDecoder(MAX));
        ByteBuf first = Bufs.of(hex("030000"));
        ByteBuf second = Bufs.of(hex("0701"));
        ByteBuf third = Bufs.of(hex("0203"));
        assertFalse(channel.writeInbound(first), "3 bytes are not a header");
        assertFalse(channel.writeInbound(second), "header plus 1 of 3 payload bytes");
        assertTrue(channel.writeInbound(third));
        assertEquals(List.of(new Decoded(7, "010203")), readAll(channel));
        assertFalse(channel.finish());
        assertReleased(first, second, third);
    }

    @Test
    void dropsAnIncompletePacketWhenTheChannelCloses() {
        EmbeddedChannel channel = new EmbeddedChannel(new PacketDecoder(MAX));
        ByteBuf partial = Bufs.of(hex("0500000001"));
        assertFalse(channel.writeInbound(partial));
        assertFalse(channel.finish(), "a truncated packet must not surface as a message");
        assertReleased(partial);
    }

    @Test
    void reassemblesChunksAndReportsTheFirstChunksSequenceId() {
        // Three chunks with ids 7, 8, 9: the caller answers with nextSequenceId(7, length) = 10, which
        // only works if the packet carries the id of its first chunk (what PacketEncoder takes, too).
        int length = 2 * PacketDecoder.MAX_CHUNK + 3;
        EmbeddedChannel channel = new EmbeddedChannel(new PacketDecoder(MAX * 4));
        List<ByteBuf> inputs = List.of(chunk(PacketDecoder.MAX_CHUNK, 7, (byte) 'a'),
                chunk(PacketDecoder.MAX_CHUNK, 8, (byte) 'b'), chunk(3, 9, (byte) 'c'));
        inputs.forEach(channel::writeInbound);
        Packet packet = channel.readInbound();
        try {
            assertEquals(7, packet.sequenceId());
            assertEquals(length, packet.payload().readableBytes());
            assertEquals('a', packet.payload().getByte(0));
            assertEquals('b', packet.payload().getByte(PacketDecoder.MAX_CHUNK));
            assertEquals('c', packet.payload().getByte(length - 1));
            assertEquals(10, PacketEncoder.nextSequenceId(packet.sequenceId(), length));
        } finally {
            packet.release();
        }
        assertFalse(channel.finish());
        assertReleased(inputs.toArray(ByteBuf[]::new));
    }

    @Test
    void releasesAPartlyReassembledPacketWhenTheChannelCloses() {
        EmbeddedChannel channel = new EmbeddedChannel(new PacketDecoder(MAX));
        ByteBuf full = chunk(PacketDecoder.MAX_CHUNK, 0, (byte) 'x');
        assertFalse(channel.writeInbound(full), "a full chunk announces more; nothing to deliver yet");
        assertFalse(channel.finish());
        assertReleased(full);
    }

    // ---- max_allowed_packet -------------------------------------------------------------------------

    @Test
    void acceptsAPayloadOfExactlyTheLimit() {
        byte[] wire = new byte[4 + 100];
        wire[0] = 100;
        assertEquals(List.of(new Decoded(0, hex(new byte[100]))), feedEveryWayWithLimit(wire, 100));
    }

    @Test
    void rejectsFromTheHeaderAloneWithoutBufferingThePayload() {
        EmbeddedChannel channel = new EmbeddedChannel(new PacketDecoder(100));
        ByteBuf first = Bufs.of(hex("650000"));   // 101, one more than allowed; 3 bytes: no header yet
        ByteBuf second = Bufs.of(hex("00"));
        assertFalse(channel.writeInbound(first));
        PacketTooLargeException e = assertThrows(PacketTooLargeException.class, () -> channel.writeInbound(second));
        assertEquals("packet length: 101 (expected: <= 100)", e.getMessage());
        assertFalse(channel.finish());
        assertReleased(first, second);
    }

    @Test
    void deliversPacketsBeforeTheTooLargeOneThenDiscardsEverything() {
        EmbeddedChannel channel = new EmbeddedChannel(new PacketDecoder(100));
        ByteBuf input = Bufs.of(hex("0100000001" + "ffffff01" + "0100000209"));
        PacketTooLargeException e = assertThrows(PacketTooLargeException.class, () -> channel.writeInbound(input));
        assertEquals("packet length: 16777215 (expected: <= 100)", e.getMessage());
        assertEquals(List.of(new Decoded(0, "01")), readAll(channel));
        // The connection is being closed: later input, even well-formed, must be swallowed, not decoded
        // from the middle of the rejected packet.
        List<ByteBuf> later = List.of(Bufs.of(hex("0100000309")), Bufs.of(hex("0100000409")));
        for (ByteBuf buf : later) {
            assertFalse(channel.writeInbound(buf));
        }
        assertNull(channel.readInbound());
        assertFalse(channel.finish());
        assertReleased(input);
        assertReleased(later.toArray(ByteBuf[]::new));
    }

    @Test
    void countsTheReassembledLengthAgainstTheLimit() {
        long limit = PacketDecoder.MAX_CHUNK + 10L;
        EmbeddedChannel channel = new EmbeddedChannel(new PacketDecoder(limit));
        ByteBuf full = chunk(PacketDecoder.MAX_CHUNK, 0, (byte) 'x');
        ByteBuf tooMuch = Bufs.of(hex("0b000001"));   // 11 more bytes: one past the limit
        assertFalse(channel.writeInbound(full));
        PacketTooLargeException e = assertThrows(PacketTooLargeException.class, () -> channel.writeInbound(tooMuch));
        assertEquals("packet length: 16777226 (expected: <= 16777225)", e.getMessage());
        assertFalse(channel.finish());
        assertReleased(full, tooMuch);   // the pending first chunk included
    }

    @ParameterizedTest(name = "limit {0}, announced {1}")
    @CsvSource({"0, 1", "1, 2", "250, 251", "65535, 65536", "16777214, 16777215"})
    void rejectsOneByteOverTheLimit(long limit, int announced) {
        EmbeddedChannel channel = new EmbeddedChannel(new PacketDecoder(limit));
        ByteBuf header = Bufs.of(new byte[] {(byte) announced, (byte) (announced >> 8), (byte) (announced >> 16), 0});
        PacketTooLargeException e = assertThrows(PacketTooLargeException.class, () -> channel.writeInbound(header));
        assertEquals("packet length: " + announced + " (expected: <= " + limit + ")", e.getMessage());
        assertFalse(channel.finish());
        assertReleased(header);
    }

    // ---- helpers ------------------------------------------------------------------------------------

    static List<Decoded> feedEveryWay(byte[] wire) {
        return feedEveryWayWithLimit(wire, MAX);
    }

    /**
     * Feeds whole, byte by byte and cut in two; asserts all agree and returns the result. Short inputs are
     * cut at every offset; long ones (a captured session) at every offset within 8 bytes of a packet header,
     * where the decoder changes state, and at every 16th offset elsewhere, which keeps the build fast under
     * paranoid leak detection without leaving a state transition untested.
     */
    static List<Decoded> feedEveryWayWithLimit(byte[] wire, long limit) {
        List<Decoded> whole = feed(wire, new int[0], limit);
        int[] everyByte = IntStream.range(1, wire.length).toArray();
        assertEquals(whole, feed(wire, everyByte, limit), "fed one byte at a time");
        java.util.BitSet nearHeader = headerNeighbourhoods(wire);
        for (int cut = 1; cut < wire.length; cut++) {
            if (wire.length <= 512 || nearHeader.get(cut) || cut % 16 == 0) {
                assertEquals(whole, feed(wire, new int[] {cut}, limit), "cut at offset " + cut);
            }
        }
        return whole;
    }

    /** Offsets within 8 bytes of each packet header, found by walking the 3-byte lengths. */
    private static java.util.BitSet headerNeighbourhoods(byte[] wire) {
        java.util.BitSet near = new java.util.BitSet(wire.length);
        int at = 0;
        while (at + 4 <= wire.length) {
            near.set(Math.max(0, at - 8), Math.min(wire.length, at + 12));
            int length = (wire[at] & 0xFF) | (wire[at + 1] & 0xFF) << 8 | (wire[at + 2] & 0xFF) << 16;
            at += 4 + length;
        }
        near.set(Math.max(0, wire.length - 8), wire.length);
        return near;
    }

    private static List<Decoded> feed(byte[] wire, int[] cuts, long limit) {
        EmbeddedChannel channel = new EmbeddedChannel(new PacketDecoder(limit));
        List<ByteBuf> pieces = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            pieces.add(Bufs.of(Arrays.copyOfRange(wire, from, cut)));
            from = cut;
        }
        pieces.add(Bufs.of(Arrays.copyOfRange(wire, from, wire.length)));
        List<Decoded> decoded = new ArrayList<>();
        for (ByteBuf piece : pieces) {
            channel.writeInbound(piece);
            decoded.addAll(readAll(channel));
        }
        assertFalse(channel.finish(), "nothing may be left over once every packet was read");
        assertReleased(pieces.toArray(ByteBuf[]::new));
        return decoded;
    }

    static List<Decoded> readAll(EmbeddedChannel channel) {
        List<Decoded> decoded = new ArrayList<>();
        for (Packet p; (p = channel.readInbound()) != null; ) {
            try {
                decoded.add(new Decoded(p.sequenceId(), hex(Bufs.bytes(p.payload()))));
            } finally {
                assertTrue(p.release(), "the receiver holds the only reference to a decoded packet");
            }
        }
        return decoded;
    }

    /** A frame of {@code length} bytes of {@code fill}, header included. */
    static ByteBuf chunk(int length, int sequenceId, byte fill) {
        ByteBuf buf = PooledByteBufAllocator.DEFAULT.directBuffer(4 + length);
        byte[] payload = new byte[length];
        Arrays.fill(payload, fill);
        return buf.writeMediumLE(length).writeByte(sequenceId).writeBytes(payload);
    }

    static void assertReleased(ByteBuf... bufs) {
        for (int i = 0; i < bufs.length; i++) {
            assertEquals(0, bufs[i].refCnt(), "input buffer " + i + " must be released");
        }
    }
}
