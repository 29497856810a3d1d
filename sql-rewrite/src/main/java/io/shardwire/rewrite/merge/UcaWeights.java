package io.shardwire.rewrite.merge;

import java.util.HashMap;
import java.util.Map;

/**
 * Primary weights of MariaDB's Unicode Collation Algorithm collations ({@code utf8mb4_unicode_ci} on UCA
 * 4.0.0, {@code utf8mb4_unicode_520_ci} on UCA 5.2.0). These collations compare at the primary level only,
 * so a character's primary weights are all that matter: {@code 'a'}, {@code 'A'} and {@code 'ä'} share
 * one, {@code 'ß'} expands to the two weights of {@code "ss"}, punctuation sorts before letters (unlike
 * general_ci, where {@code '_'} sorts after {@code 'Z'}), combining accents are ignorable
 * ({@code 'a'} + U+0301 = {@code 'á'}).
 *
 * <p>Characters the tables leave out get implicit weights as MariaDB computes them: a base (0xFB40 for CJK
 * ideographs U+4E00-U+9FA5, 0xFB80 for U+3400-U+4DB5, 0xFBC0 otherwise) plus {@code cp >> 15}, then
 * {@code (cp & 0x7FFF) | 0x8000}. Outside the BMP, UCA 4.0.0 gives every character 0xFFFD (so
 * {@code '😀' = '😁'}); the UCA 5.2.0 table lists the 6137 supplementary characters it weighs explicitly
 * (Deseret, mathematical letters: {@code '𝐀' = 'a'}) and the rest are implicit.
 */
final class UcaWeights implements WeightTable {

    private final char[][] bmp;
    private final Map<Integer, char[]> supplementary;
    private final boolean supplementaryIsReplacement;

    private UcaWeights(char[][] bmp, Map<Integer, char[]> supplementary, boolean supplementaryIsReplacement) {
        this.bmp = bmp;
        this.supplementary = supplementary;
        this.supplementaryIsReplacement = supplementaryIsReplacement;
    }

    static UcaWeights unicode400() {
        return Uca400.TABLE;
    }

    static UcaWeights unicode520() {
        return Uca520.TABLE;
    }

    @Override
    public void append(int codePoint, StringBuilder weights) {
        char[] explicit = codePoint < bmp.length ? bmp[codePoint] : supplementary.get(codePoint);
        if (explicit != null) {
            weights.append(explicit);
        } else if (codePoint >= bmp.length && supplementaryIsReplacement) {
            weights.append('\uFFFD');
        } else {
            int base = codePoint >= 0x4E00 && codePoint <= 0x9FA5 ? 0xFB40
                    : codePoint >= 0x3400 && codePoint <= 0x4DB5 ? 0xFB80 : 0xFBC0;
            weights.append((char) (base + (codePoint >> 15))).append((char) ((codePoint & 0x7FFF) | 0x8000));
        }
    }

    @Override
    public char spaceWeight() {
        return bmp[' '][0];
    }

    private static UcaWeights load(String resource, boolean supplementaryIsReplacement) {
        char[][] bmp = new char[0x10000][];
        Map<Integer, char[]> supplementary = new HashMap<>();
        WeightTable.readLines(resource, line -> {
            int tab = line.indexOf('\t');
            int codePoint = Integer.parseInt(line, 0, tab, 16);
            char[] weights = WeightTable.parseWeights(line.substring(tab + 1));
            if (codePoint < bmp.length) {
                bmp[codePoint] = weights;
            } else {
                supplementary.put(codePoint, weights);
            }
        });
        return new UcaWeights(bmp, Map.copyOf(supplementary), supplementaryIsReplacement);
    }

    private static final class Uca400 {
        static final UcaWeights TABLE = load("uca-400-weights.tsv", true);
    }

    private static final class Uca520 {
        static final UcaWeights TABLE = load("uca-520-weights.tsv", false);
    }
}
