package io.shardwire.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.shardwire.protocol.command.CommandDecoder;
import io.shardwire.protocol.packet.ColumnDefinition;
import io.shardwire.protocol.packet.HandshakeResponse41;
import io.shardwire.protocol.testkit.Bufs;
import io.shardwire.protocol.testkit.Fixture;
import io.shardwire.protocol.testkit.LeakCheck;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded garbage, so every failure can be replayed from its seed. A client can send anything: the only
 * acceptable outcomes are a result or a protocol error (MalformedPacketException, PacketTooLargeException),
 * never another exception, a hang or a leaked buffer. The timeout only guards against hangs; each seed
 * takes milliseconds.
 */
@ExtendWith(LeakCheck.class)
class GarbageTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);
    private static final List<byte[]> CLIENT_HELLOS = List.of(
            firstClientPacket("clients/mariadb-cli-native-password.hex"),
            firstClientPacket("clients/connector-j-9.7.0.hex"),
            firstClientPacket("clients/mariadb-java-client-3.5.11.hex"),
            firstClientPacket("mariadb-10.11/admin-session.hex"));
    private static final List<byte[]> COLUMN_DEFINITIONS = Fixture.load("mariadb-10.11/resultset-eof.hex").frames()
            .subList(1, 8).stream().map(Fixture.Frame::payload).toList();

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 40);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void decoderTakesRandomBytes(long seed) {
        Random random = new Random(seed);
        byte[] bytes = new byte[random.nextInt(8192)];
        random.nextBytes(bytes);
        assertTimeoutPreemptively(HANG_GUARD, () -> decodeInRandomPieces(random, bytes, 1 + random.nextInt(1 << 20)));
    }

    /** Mostly plausible frames (small lengths, any sequence id), some cut short or announcing too much. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void decoderTakesRandomFrames(long seed) {
        Random random = new Random(seed);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        int frames = random.nextInt(40);
        for (int i = 0; i < frames; i++) {
            int length = random.nextInt(10) == 0 ? random.nextInt(1 << 24) : random.nextInt(300);
            byte[] payload = new byte[Math.min(length, random.nextInt(400))];
            random.nextBytes(payload);
            stream.write(length);
            stream.write(length >> 8);
            stream.write(length >> 16);
            stream.write(random.nextInt(256));
            stream.writeBytes(payload);
        }
        assertTimeoutPreemptively(HANG_GUARD, () -> decodeInRandomPieces(random, stream.toByteArray(), 4096));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void commandDecoderTakesRandomPayloads(long seed) {
        Random random = new Random(seed);
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            for (int i = 0; i < 200; i++) {
                byte[] payload = new byte[random.nextInt(12)];
                random.nextBytes(payload);
                if (payload.length > 0 && random.nextBoolean()) {
                    // Steer half of them to the commands that have a body to parse.
                    payload[0] = new byte[] {0x02, 0x03, 0x04, 0x0C, 0x1B}[random.nextInt(5)];
                }
                parseOrMalformed(payload, CommandDecoder::decode);
            }
        });
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void handshakeResponseParserTakesMutatedRealResponses(long seed) {
        Random random = new Random(seed);
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            for (byte[] hello : CLIENT_HELLOS) {
                for (int i = 0; i < 50; i++) {
                    byte[] mutated = mutate(random, hello);
                    parseOrMalformed(mutated, in -> {
                        HandshakeResponse41.isSslRequest(in);
                        HandshakeResponse41.parse(in);
                    });
                }
            }
            byte[] noise = new byte[random.nextInt(200)];
            random.nextBytes(noise);
            parseOrMalformed(noise, HandshakeResponse41::parse);
        });
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void columnDefinitionParserTakesMutatedRealDefinitions(long seed) {
        Random random = new Random(seed);
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            for (byte[] column : COLUMN_DEFINITIONS) {
                for (int i = 0; i < 20; i++) {
                    parseOrMalformed(mutate(random, column), ColumnDefinition::parse);
                }
            }
        });
    }

    // ---- helpers ------------------------------------------------------------------------------------

    /**
     * Feeds {@code bytes} in random pieces; the decoder may reject them (too large) but must not throw
     * anything else, and every buffer must come back released.
     */
    private static void decodeInRandomPieces(Random random, byte[] bytes, long limit) {
        EmbeddedChannel channel = new EmbeddedChannel(new PacketDecoder(limit));
        List<ByteBuf> pieces = new ArrayList<>();
        int from = 0;
        while (from < bytes.length) {
            int to = Math.min(bytes.length, from + 1 + random.nextInt(700));
            ByteBuf piece = Bufs.of(Arrays.copyOfRange(bytes, from, to));
            pieces.add(piece);
            try {
                channel.writeInbound(piece);
            } catch (PacketTooLargeException expected) {
                // The rest of the stream is discarded; keep feeding to prove it. Deliberately not the wider
                // DecoderException: ByteToMessageDecoder wraps any bug (an index error, say) in one.
            }
            for (Packet p; (p = channel.readInbound()) != null; ) {
                byte[] payload = Bufs.bytes(p.payload());
                p.release();
                // A framed packet goes on to the command decoder, as in the command phase.
                parseOrMalformed(payload, CommandDecoder::decode);
            }
            from = to;
        }
        channel.finishAndReleaseAll();
        for (ByteBuf piece : pieces) {
            assertEquals(0, piece.refCnt(), "input released");
        }
    }

    /** Parsing may succeed or fail with MalformedPacketException; anything else fails the test. */
    private static void parseOrMalformed(byte[] payload, Consumer<ByteBuf> parser) {
        try {
            Bufs.read(payload, in -> {
                parser.accept(in);
                return null;
            });
        } catch (MalformedPacketException expected) {
            // a protocol error: the caller answers with an ERR packet
        }
    }

    /** One to three random edits: flip a byte, drop a byte, insert a byte, or cut the tail. */
    private static byte[] mutate(Random random, byte[] original) {
        byte[] b = original.clone();
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && b.length > 0; e++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(4)) {
                case 0 -> b[at] = (byte) random.nextInt(256);
                case 1 -> {
                    byte[] shorter = new byte[b.length - 1];
                    System.arraycopy(b, 0, shorter, 0, at);
                    System.arraycopy(b, at + 1, shorter, at, b.length - at - 1);
                    b = shorter;
                }
                case 2 -> {
                    byte[] longer = new byte[b.length + 1];
                    System.arraycopy(b, 0, longer, 0, at);
                    longer[at] = new byte[] {0, (byte) 0xFB, (byte) 0xFC, (byte) 0xFE, (byte) 0xFF}[random.nextInt(5)];
                    System.arraycopy(b, at, longer, at + 1, b.length - at);
                    b = longer;
                }
                default -> b = Arrays.copyOf(b, at);
            }
        }
        return b;
    }

    private static byte[] firstClientPacket(String fixture) {
        return Fixture.load(fixture).frames().stream()
                .filter(f -> f.sequenceId() == 1 && !f.direction().equals("S"))
                .findFirst().orElseThrow().payload();
    }
}
