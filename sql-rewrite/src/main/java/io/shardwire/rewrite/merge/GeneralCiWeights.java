package io.shardwire.rewrite.merge;

/**
 * The weights of MariaDB's {@code utf8mb4_general_ci} (and {@code utf8mb3_general_ci}, identical on the BMP):
 * one weight per character, the upper-case letter without its accent ({@code 'a'}, {@code 'A'} and
 * {@code 'ä'} all weigh 0x0041, {@code 'ß'} weighs like {@code 'S'}), every character outside the BMP the
 * same weight 0xFFFD (so {@code '😀' = '😁'}). Read from {@code general-ci-weights.tsv}: the 1108 BMP code
 * points whose weight differs from the code point.
 */
final class GeneralCiWeights implements WeightTable {

    private static final char SUPPLEMENTARY = '\uFFFD';

    private final char[] bmp;

    private GeneralCiWeights(char[] bmp) {
        this.bmp = bmp;
    }

    /** The table of MariaDB 10.11, loaded once. */
    static GeneralCiWeights mariadb() {
        return Holder.TABLE;
    }

    @Override
    public void append(int codePoint, StringBuilder weights) {
        weights.append(codePoint < bmp.length ? bmp[codePoint] : SUPPLEMENTARY);
    }

    @Override
    public char spaceWeight() {
        return bmp[' '];
    }

    /** The weight of an ASCII character, for the no-decoding fast path. */
    char ascii(int b) {
        return bmp[b];
    }

    private static final class Holder {
        static final GeneralCiWeights TABLE = load();

        private static GeneralCiWeights load() {
            char[] bmp = new char[0x10000];
            for (int i = 0; i < bmp.length; i++) {
                bmp[i] = (char) i;
            }
            WeightTable.readLines("general-ci-weights.tsv", line -> {
                int tab = line.indexOf('\t');
                bmp[Integer.parseInt(line, 0, tab, 16)] = (char) Integer.parseInt(line, tab + 1, line.length(), 16);
            });
            return new GeneralCiWeights(bmp);
        }
    }
}
