package io.shardwire.protocol.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Hex fixtures under {@code src/test/resources/fixtures}: '#' lines say how the bytes were captured (see
 * {@code fixtures/capture.py}); every other line is one packet exactly as it crossed the socket, header
 * included, optionally tagged {@code C>} (client to server) or {@code S>} (server to client).
 */
public record Fixture(String name, List<Frame> frames) {
    private static final HexFormat HEX = HexFormat.of();

    public Fixture {
        frames = List.copyOf(frames);
    }

    /** One packet of a fixture. {@code direction} is "C", "S" or "" when the file has no tags. */
    public record Frame(String direction, byte[] wire) {
        public int sequenceId() {
            return wire[3] & 0xFF;
        }

        public byte[] payload() {
            return Arrays.copyOfRange(wire, 4, wire.length);
        }

        public String payloadHex() {
            return HEX.formatHex(wire, 4, wire.length);
        }
    }

    public static Fixture load(String name) {
        String resource = "/fixtures/" + name;
        try (InputStream in = Fixture.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            return parse(name, new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every .hex fixture, by path relative to {@code fixtures/}, sorted. */
    public static List<String> all() {
        URL root = Fixture.class.getResource("/fixtures");
        try (Stream<Path> files = Files.walk(Path.of(root.toURI()))) {
            Path base = Path.of(root.toURI());
            return files.filter(p -> p.toString().endsWith(".hex"))
                    .map(p -> base.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Fixture parse(String name, String text) {
        List<Frame> frames = new ArrayList<>();
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String direction = "";
            if (line.length() > 2 && line.charAt(1) == '>') {
                direction = line.substring(0, 1);
                line = line.substring(2).strip();
            }
            byte[] wire = HEX.parseHex(line);
            int length = (wire[0] & 0xFF) | (wire[1] & 0xFF) << 8 | (wire[2] & 0xFF) << 16;
            // A fixture whose header disagrees with its payload would make every test on it meaningless.
            if (length != wire.length - 4) {
                throw new IllegalArgumentException(name + ": header says " + length + " bytes, line has "
                        + (wire.length - 4));
            }
            frames.add(new Frame(direction, wire));
        }
        return new Fixture(name, frames);
    }

    /** The whole byte stream of the fixture (or of one direction of it, when {@code direction} is not null). */
    public byte[] stream(String direction) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Frame f : frames) {
            if (direction == null || f.direction().equals(direction)) {
                out.writeBytes(f.wire());
            }
        }
        return out.toByteArray();
    }

    public byte[] stream() {
        return stream(null);
    }

    public List<Frame> frames(String direction) {
        return frames.stream().filter(f -> f.direction().equals(direction)).toList();
    }

    /** The only packet of a single-packet fixture. */
    public Frame single() {
        if (frames.size() != 1) {
            throw new IllegalStateException(name + " has " + frames.size() + " packets");
        }
        return frames.get(0);
    }

    public static byte[] hex(String hex) {
        return HEX.parseHex(hex.replaceAll("\\s+", ""));
    }

    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }
}
