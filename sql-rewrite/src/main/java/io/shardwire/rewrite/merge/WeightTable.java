package io.shardwire.rewrite.merge;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The collation weights of characters: a collation compares two strings by comparing their weight
 * sequences, so two strings are equal exactly when their weights are. The tables were read from MariaDB
 * 10.11 with {@code WEIGHT_STRING()} (each resource file names the query), so they reproduce the server
 * rather than approximate it.
 */
sealed interface WeightTable permits GeneralCiWeights, Latin1Weights, UcaWeights {

    /** Appends the weights of one character (none for an ignorable one, several for an expansion like ß). */
    void append(int codePoint, StringBuilder weights);

    /** The weight of U+0020, against which PAD SPACE collations compare the tail of the longer string. */
    char spaceWeight();

    /** Feeds the non-comment lines of a resource in this package to {@code line}. */
    static void readLines(String resource, Consumer<String> line) {
        try (InputStream in = WeightTable.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is missing from the sql-rewrite jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String l = reader.readLine(); l != null; l = reader.readLine()) {
                if (!l.isEmpty() && !l.startsWith("#")) {
                    line.accept(l);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + resource, e);
        }
    }

    /** Hex weights, four digits each ({@code "0E330FEA"} -> 0x0E33, 0x0FEA). */
    static char[] parseWeights(String hex) {
        char[] weights = new char[hex.length() / 4];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (char) Integer.parseInt(hex, i * 4, i * 4 + 4, 16);
        }
        return weights;
    }
}
