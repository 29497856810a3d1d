package io.shardwire.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Coverage-guided fuzzing of the framing (MySQL "Protocol Basics: MySQL Packets"): any byte stream, cut into
 * pieces where the fuzzer chooses, as a socket may deliver it. The packets must be exactly those the stream
 * holds, the only error is {@link PacketTooLargeException}, and every byte allocated comes back.
 *
 * <p>Input: one byte for the limit, three piece sizes, then the stream. The seeds in
 * {@code PacketDecoderFuzzTestInputs} are the client and server streams of the fixtures under {@code fixtures/}
 * behind such a header. See README.md, "Fuzzing", for running this longer.
 */
class PacketDecoderFuzzTest {
    private static final int HEADER = 4;
    /** MySQL 8's default max_allowed_packet: nothing the fuzzer writes reaches it. */
    private static final long LARGE_LIMIT = 64L << 20;
    private static final HexFormat HEX = HexFormat.of();

    /** A decoded packet as plain data, so it can be compared after its buffer is released. */
    record Frame(int sequenceId, String payloadHex) {
    }

    /** What a stream decodes to: its complete packets, and whether a header announced too much. */
    record Outcome(List<Frame> frames, boolean tooLarge) {
    }

    @FuzzTest(maxDuration = "12s")
    void framesAnyStreamCutAnywhere(byte[] input) {
        if (input.length < HEADER) {
            return;
        }
        // High bit clear: a realistic limit; set: a small one (0 to 508), so that too-large packets are reachable.
        long limit = (input[0] & 0x80) == 0 ? LARGE_LIMIT : (input[0] & 0x7F) * 4L;
        int[] pieceSizes = {(input[1] & 0xFF) + 1, (input[2] & 0xFF) + 1, (input[3] & 0xFF) + 1};
        byte[] stream = Arrays.copyOfRange(input, HEADER, input.length);

        // An unpooled allocator of its own counts every byte it hands out: a leak shows right after this input,
        // not whenever the garbage collector and the leak detector get to it.
        UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(true);
        EmbeddedChannel channel = new EmbeddedChannel(new PacketDecoder(limit));
        channel.config().setAllocator(alloc);
        List<Frame> frames = new ArrayList<>();
        boolean tooLarge = false;
        int from = 0;
        for (int piece = 0; from < stream.length; piece++) {
            int to = Math.min(stream.length, from + pieceSizes[piece % pieceSizes.length]);
            ByteBuf buf = alloc.directBuffer(to - from).writeBytes(stream, from, to - from);
            try {
                channel.writeInbound(buf);
            } catch (PacketTooLargeException expected) {
                // Not the wider DecoderException: ByteToMessageDecoder wraps any bug (an index error) in one.
                tooLarge = true;
            }
            for (Packet p; (p = channel.readInbound()) != null; ) {
                frames.add(new Frame(p.sequenceId(), ByteBufUtil.hexDump(p.payload())));
                p.release();
            }
            from = to;
        }
        channel.finishAndReleaseAll();

        assertEquals(framing(stream, limit), new Outcome(frames, tooLarge));
        assertEquals(0, alloc.metric().usedDirectMemory() + alloc.metric().usedHeapMemory(), "bytes not released");
    }

    /**
     * The packets of the whole stream read in one go, straight from the protocol description: a 3-byte
     * little-endian length, the sequence id, the payload; a length of 0xFFFFFF continues in the next frame.
     */
    static Outcome framing(byte[] stream, long limit) {
        List<Frame> frames = new ArrayList<>();
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        int joinedSequenceId = -1;
        int pos = 0;
        while (stream.length - pos >= HEADER) {
            int length = (stream[pos] & 0xFF) | (stream[pos + 1] & 0xFF) << 8 | (stream[pos + 2] & 0xFF) << 16;
            if ((long) joined.size() + length > limit) {
                return new Outcome(frames, true);
            }
            if (stream.length - pos - HEADER < length) {
                break;
            }
            if (joinedSequenceId < 0) {
                joinedSequenceId = stream[pos + 3] & 0xFF;
            }
            joined.write(stream, pos + HEADER, length);
            pos += HEADER + length;
            if (length != PacketDecoder.MAX_CHUNK) {
                frames.add(new Frame(joinedSequenceId, HEX.formatHex(joined.toByteArray())));
                joined.reset();
                joinedSequenceId = -1;
            }
        }
        return new Outcome(frames, false);
    }
}
