package io.shardwire.embedded;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The last lines of a server log, for exception messages. */
final class LogTail {
    private static final int MAX_LINES = 40;
    private static final int MAX_BYTES = 16 * 1024;

    private LogTail() {
    }

    /** The last lines written at or after {@code fromOffset}; a short note instead when there are none. */
    static String of(Path file, long fromOffset) {
        if (!Files.exists(file)) {
            return "(" + file + " does not exist)";
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long start = Math.max(fromOffset, in.length() - MAX_BYTES);
            byte[] bytes = new byte[(int) Math.max(0, in.length() - start)];
            in.seek(start);
            in.readFully(bytes);
            List<String> lines = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\n"));
            List<String> tail = lines.subList(Math.max(0, lines.size() - MAX_LINES), lines.size());
            String text = String.join("\n", tail).strip();
            return text.isEmpty() ? "(" + file + " is empty)" : text;
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    /** The same tail, introduced by the file's name, for a multi-line exception message. */
    static String section(Path file, long fromOffset) {
        return "\n--- " + file + " (tail) ---\n" + of(file, fromOffset);
    }
}
