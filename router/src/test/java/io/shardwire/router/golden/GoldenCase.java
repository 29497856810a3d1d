package io.shardwire.router.golden;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * One golden case file: the statement (and the session's current database) first, then what routing it
 * must give, either {@code route:} (the rendering of {@link RouteRendering}) or {@code error:} with a
 * {@code message:} that the refusal's message must contain. The expectation comes last so that
 * {@link #withExpectation} can rewrite it and keep the rest of the file as written.
 *
 * @param database the session's current database; null for a session without one
 */
record GoldenCase(Path file, String text, String note, String database, String sql, Outcome expected) {

    static final String DEFAULT_DATABASE = "shop";
    private static final Set<String> KEYS = Set.of("note", "database", "sql", "route", "error", "message");
    private static final List<String> EXPECTATION_KEYS = List.of("route:", "error:", "message:");

    /** What routing a statement gives: a route (rendered), a refusal, or nothing written down yet. */
    sealed interface Outcome {
        record Routed(String rendering) implements Outcome {
        }

        /** {@code kind} is {@code parse} or {@code unsupported}. */
        record Refused(String kind, String message) implements Outcome {
        }

        record Missing() implements Outcome {
        }
    }

    static GoldenCase read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
        if (!(document instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(file + ": expected a mapping with at least 'sql:'");
        }
        for (Object key : map.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                throw new IllegalArgumentException(file + ": unknown key '" + key + "' (known: " + KEYS + ")");
            }
        }
        if (!(map.get("sql") instanceof String sql) || sql.isBlank()) {
            throw new IllegalArgumentException(file + ": 'sql:' is missing or empty");
        }
        checkExpectationLast(file, text);
        String database = DEFAULT_DATABASE;
        if (map.containsKey("database")) {
            Object db = map.get("database");
            database = db == null || "none".equals(db) ? null : String.valueOf(db);
        }
        return new GoldenCase(file, text, (String) map.get("note"), database, sql, expectation(file, map));
    }

    private static Outcome expectation(Path file, Map<?, ?> map) {
        boolean route = map.containsKey("route");
        boolean error = map.containsKey("error");
        if (route && error) {
            throw new IllegalArgumentException(file + ": give either 'route:' or 'error:', not both");
        }
        if (route) {
            if (map.containsKey("message")) {
                throw new IllegalArgumentException(file + ": 'message:' belongs with 'error:'");
            }
            return new Outcome.Routed(String.valueOf(map.get("route")).stripTrailing());
        }
        if (error) {
            String kind = String.valueOf(map.get("error"));
            if (!kind.equals("parse") && !kind.equals("unsupported")) {
                throw new IllegalArgumentException(file + ": 'error:' is parse or unsupported, not '" + kind + "'");
            }
            if (!(map.get("message") instanceof String message) || message.isBlank()) {
                throw new IllegalArgumentException(file + ": 'error:' needs a 'message:' (a part of the expected message)");
            }
            return new Outcome.Refused(kind, message);
        }
        return new Outcome.Missing();
    }

    /** The input keys come first, so a rewrite can keep them (and their comments) byte for byte. */
    private static void checkExpectationLast(Path file, String text) {
        boolean inExpectation = false;
        for (String line : text.lines().toList()) {
            if (EXPECTATION_KEYS.stream().anyMatch(line::startsWith)) {
                inExpectation = true;
            } else if (inExpectation && !line.isEmpty() && !line.startsWith(" ") && !line.startsWith("#")) {
                throw new IllegalArgumentException(file + ": put 'route:' or 'error:'/'message:' after every other key");
            }
        }
    }

    /** The file's text with its expectation replaced by {@code outcome}. */
    String withExpectation(Outcome outcome) {
        StringBuilder b = new StringBuilder();
        for (String line : text.lines().toList()) {
            if (EXPECTATION_KEYS.stream().anyMatch(line::startsWith)) {
                break;
            }
            b.append(line).append('\n');
        }
        switch (outcome) {
            case Outcome.Routed r -> {
                b.append("route: |-\n");
                for (String line : r.rendering().lines().toList()) {
                    b.append(line.isEmpty() ? "" : "  " + line).append('\n');
                }
            }
            case Outcome.Refused r -> b.append("error: ").append(r.kind()).append('\n')
                    .append("message: ").append(doubleQuoted(r.message())).append('\n');
            case Outcome.Missing m -> { }
        }
        return b.toString();
    }

    private static String doubleQuoted(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\x%02x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
