package io.shardwire.rewrite.merge;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Collectors;

/**
 * MariaDB 10.11's collations by id ({@code mariadb-collations.tsv}, read from
 * {@code information_schema.collations}) and how each is compared. Exact where a table was read from the
 * server: {@code binary}, every {@code _bin}, the general_ci family, latin1's swedish/general/german1/
 * danish/spanish collations, {@code unicode_ci} and {@code unicode_520_ci}. Approximated otherwise, and the
 * Javadoc of each approximation says how: tailored UCA collations use their base table, other single-byte
 * character sets and {@code latin1_german2_ci} use the general_ci weights, other {@code _cs} collations
 * compare by code point.
 */
final class CollationCatalog {

    private static final String DEFAULT = "utf8mb4_general_ci";

    private CollationCatalog() {
    }

    static String name(int id) {
        return Names.BY_ID.getOrDefault(id, DEFAULT);
    }

    static OptionalInt id(String name) {
        Integer id = Names.BY_NAME.get(name);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** The character set of a collation: the part of its name before the first underscore. */
    static String charsetOf(String collationName) {
        int underscore = collationName.indexOf('_');
        return underscore < 0 ? collationName : collationName.substring(0, underscore);
    }

    static Collation collation(String name) {
        if (name.equals("binary")) {
            return BytewiseCollation.BINARY;
        }
        boolean pad = !name.contains("_nopad_");
        var latin1 = Latin1Weights.named(name.replace("_nopad_", "_"));
        if (latin1.isPresent()) {
            return new WeightedCollation(name, latin1.get(), pad);
        }
        if (name.startsWith("latin1_") && name.endsWith("_bin")) {
            return new WeightedCollation(name, Latin1Weights.binary(), pad);
        }
        if (name.endsWith("_bin") || name.endsWith("_cs")) {
            return new BytewiseCollation(name, pad);
        }
        String charset = charsetOf(name);
        boolean unicodeCharset = charset.startsWith("utf") || charset.equals("ucs2");
        if (unicodeCharset && name.contains("_520_")) {
            return new WeightedCollation(name, UcaWeights.unicode520(), pad);
        }
        if (unicodeCharset && !name.contains("_general_")) {
            return new WeightedCollation(name, UcaWeights.unicode400(), pad);
        }
        return new WeightedCollation(name, GeneralCiWeights.mariadb(), pad);
    }

    private static final class Names {
        static final Map<Integer, String> BY_ID = load();
        static final Map<String, Integer> BY_NAME = BY_ID.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getValue, Map.Entry::getKey));

        private static Map<Integer, String> load() {
            Map<Integer, String> names = new HashMap<>();
            WeightTable.readLines("mariadb-collations.tsv", line -> {
                int tab = line.indexOf('\t');
                names.put(Integer.parseInt(line, 0, tab, 10), line.substring(tab + 1));
            });
            return Map.copyOf(names);
        }
    }
}
