package io.shardwire.shardmap;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A value read from the configuration file together with the key path that leads to it
 * ({@code databases.shop.tables.events.ranges[1]}), so that every error names the file, the path,
 * the problem and what to do. Scalars arrive as text (see {@link ConfigLoader}); this class gives
 * them their types.
 */
record YamlNode(String source, String path, Object value) {

    private static final Pattern INTEGER = Pattern.compile("[-+]?\\d{1,18}");
    private static final Pattern SIZE = Pattern.compile("(\\d{1,13})\\s*(?:([kmg])(?:i?b)?|b)?", Pattern.CASE_INSENSITIVE);

    static YamlNode root(String source, Object value) {
        return new YamlNode(source, "", value);
    }

    ConfigException fail(String problem) {
        return new ConfigException(source + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
    }

    YamlNode child(String key) {
        Object v = value instanceof Map<?, ?> m ? m.get(key) : null;
        return new YamlNode(source, path.isEmpty() ? key : path + "." + key, v);
    }

    /** A mapping whose keys must all be in {@code allowed}; {@code what} names it in errors ("a hash table"). */
    Mapping mapping(Collection<String> allowed, String what) {
        Map<String, YamlNode> entries = names();
        for (String key : entries.keySet()) {
            if (!allowed.contains(key)) {
                throw entries.get(key).fail("unknown key '" + key + "'" + (what.isEmpty() ? "" : " for " + what)
                        + suggestion(key, allowed) + " (allowed here: " + String.join(", ", allowed) + ")");
            }
        }
        return new Mapping(this, entries);
    }

    Mapping mapping(Collection<String> allowed) {
        return mapping(allowed, "");
    }

    /** A mapping from names (shards, databases, tables) to entries, in file order. */
    Map<String, YamlNode> names() {
        if (!(value instanceof Map<?, ?> map)) {
            throw fail("expected a mapping of keys to values, found " + describe());
        }
        Map<String, YamlNode> entries = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key) || key.isEmpty()) {
                throw fail("keys must be plain names, found " + new YamlNode(source, path, e.getKey()).describe());
            }
            entries.put(key, child(key));
        }
        return entries;
    }

    List<YamlNode> list() {
        if (!(value instanceof List<?> items)) {
            throw fail("expected a list such as [ a, b ], found " + describe());
        }
        List<YamlNode> nodes = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            nodes.add(new YamlNode(source, path + "[" + i + "]", items.get(i)));
        }
        return nodes;
    }

    String text() {
        return switch (value) {
            case String s -> s;
            case Number n -> n.toString();
            case Boolean b -> b.toString();
            case null, default -> throw fail("expected a text value, found " + describe());
        };
    }

    /** Non-empty text; {@code what} says what it names ("a user name"). */
    String name(String what) {
        String text = text();
        if (text.isBlank()) {
            throw fail("is empty; expected " + what);
        }
        return text;
    }

    int integer(int min, int max) {
        String text = text().strip();
        if (!INTEGER.matcher(text).matches() || Long.parseLong(text) < min || Long.parseLong(text) > max) {
            throw fail("expected an integer from " + min + " to " + max + ", found '" + text + "'");
        }
        return Integer.parseInt(text);
    }

    boolean bool() {
        String text = text().strip().toLowerCase(Locale.ROOT);
        return switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw fail("expected true or false, found '" + text() + "'");
        };
    }

    /** A byte count: plain bytes or a K/M/G (binary) suffix, as MySQL accepts for max_allowed_packet. */
    long bytes(long min, long max, String range) {
        Matcher m = SIZE.matcher(text().strip());
        long result = -1;
        if (m.matches()) {
            String unit = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
            int shift = switch (unit) {
                case "k" -> 10;
                case "m" -> 20;
                case "g" -> 30;
                default -> 0;
            };
            long number = Long.parseLong(m.group(1));
            result = number > (Long.MAX_VALUE >> shift) ? -1 : number << shift;
        }
        if (result < min || result > max) {
            throw fail("expected a size from " + range + " such as 64M, 1G or 1048576 (bytes), found '" + text() + "'");
        }
        return result;
    }

    String describe() {
        return switch (value) {
            case null -> "nothing";
            case Map<?, ?> m -> "a mapping";
            case List<?> l -> "a list";
            case String s -> "'" + s + "'";
            case byte[] b -> "binary data";
            default -> "'" + value + "'";
        };
    }

    /** "; did you mean 'port'?" when one allowed word is within two edits of the typo. */
    static String suggestion(String typo, Collection<String> allowed) {
        return allowed.stream().filter(a -> editDistance(typo, a) <= 2).findFirst()
                .map(a -> "; did you mean '" + a + "'?").orElse("");
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** The entries of a checked mapping. */
    record Mapping(YamlNode node, Map<String, YamlNode> entries) {

        /** The value of {@code key}, or empty when the key is absent or has no value. */
        Optional<YamlNode> optional(String key) {
            YamlNode child = entries.get(key);
            return child == null || child.value() == null ? Optional.empty() : Optional.of(child);
        }

        /** The value of {@code key}; {@code example} shows what to write when it is missing. */
        YamlNode required(String key, String example) {
            YamlNode child = entries.get(key);
            if (child == null) {
                throw node.fail("missing key '" + key + "'; add e.g. " + example);
            }
            if (child.value() == null) {
                throw child.fail("has no value; write e.g. " + example);
            }
            return child;
        }

        boolean has(String key) {
            return optional(key).isPresent();
        }
    }
}
