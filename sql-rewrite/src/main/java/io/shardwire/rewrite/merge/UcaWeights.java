package io.shardwire.rewrite.merge;

/**
 * Primary weights of MariaDB's Unicode Collation Algorithm collations ({@code utf8mb4_unicode_ci} on UCA
 * 4.0.0, {@code utf8mb4_unicode_520_ci} on UCA 5.2.0). These collations compare at the primary level only,
 * so a character's primary weights are all that matter: {@code 'a'}, {@code 'A'} and {@code 'ä'} share
 * one, {@code 'ß'} expands to the two weights of {@code "ss"}, punctuation sorts before letters (unlike
 * general_ci, where {@code '_'} sorts after {@code 'Z'}), control characters are ignorable.
 *
 * <p>Characters the tables leave out get implicit weights as MariaDB computes them: a base (0xFB40 for CJK
 * ideographs U+4E00-U+9FA5, 0xFB80 for U+3400-U+4DB5, 0xFBC0 otherwise) plus {@code cp >> 15}, then
 * {@code (cp & 0x7FFF) | 0x8000}. Outside the BMP, UCA 4.0.0 gives every character 0xFFFD; the UCA 5.2.0
 * table here uses the implicit weights there too, which misplaces the few supplementary scripts (Deseret,
 * Gothic...) that 5.2.0 weighs explicitly.
 */
final class UcaWeights implements WeightTable {

    private final char[][] bmp;
    private final boolean supplementaryIsReplacement;

    private UcaWeights(char[][] bmp, boolean supplementaryIsReplacement) {
        this.bmp = bmp;
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
        char[] explicit = codePoint < bmp.length ? bmp[codePoint] : null;
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
        WeightTable.readLines(resource, line -> {
            int tab = line.indexOf('\t');
            bmp[Integer.parseInt(line, 0, tab, 16)] = WeightTable.parseWeights(line.substring(tab + 1));
        });
        return new UcaWeights(bmp, supplementaryIsReplacement);
    }

    private static final class Uca400 {
        static final UcaWeights TABLE = load("uca-400-weights.tsv", true);
    }

    private static final class Uca520 {
        static final UcaWeights TABLE = load("uca-520-weights.tsv", false);
    }
}
