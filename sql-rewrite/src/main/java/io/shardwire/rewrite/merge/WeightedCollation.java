package io.shardwire.rewrite.merge;

/**
 * A collation that compares strings by the weights of their characters (general_ci, the latin1 tables,
 * the UCA collations): {@code 'a' = 'A'} under {@code utf8mb4_general_ci} because both weigh 0x0041, but not
 * under {@code utf8mb4_bin}. The grouping key is the weight string without its trailing space weights.
 *
 * <p>Tailored UCA collations ({@code utf8mb4_german2_ci}, {@code utf8mb4_czech_ci}...) use their base UCA
 * table here: their contractions and reorderings ({@code 'ch'} after {@code 'h'} in Czech) are not applied.
 */
record WeightedCollation(String name, WeightTable table, boolean padSpace) implements Collation {

    @Override
    public int compare(byte[] a, byte[] b, TextCharset charset) {
        if (table instanceof GeneralCiWeights general && charset.asciiCompatible() && isAscii(a) && isAscii(b)) {
            return compareAscii(general, a, b);
        }
        String wa = weights(a, charset);
        String wb = weights(b, charset);
        int common = Math.min(wa.length(), wb.length());
        for (int i = 0; i < common; i++) {
            char x = wa.charAt(i);
            char y = wb.charAt(i);
            if (x != y) {
                return x < y ? -1 : 1;
            }
        }
        if (!padSpace) {
            return Integer.compare(wa.length(), wb.length());
        }
        return wa.length() >= wb.length() ? tailAgainstSpace(wa, common) : -tailAgainstSpace(wb, common);
    }

    @Override
    public Object key(byte[] value, TextCharset charset) {
        String weights = weights(value, charset);
        int end = weights.length();
        char space = table.spaceWeight();
        while (padSpace && end > 0 && weights.charAt(end - 1) == space) {
            end--;
        }
        return weights.substring(0, end);
    }

    String weights(byte[] value, TextCharset charset) {
        StringBuilder weights = new StringBuilder(value.length);
        if (charset.asciiCompatible() && table instanceof GeneralCiWeights general && isAscii(value)) {
            for (byte b : value) {
                weights.append(general.ascii(b));
            }
            return weights.toString();
        }
        charset.decode(value).codePoints().forEach(cp -> table.append(cp, weights));
        return weights.toString();
    }

    /** The common case of ASCII text under general_ci, without decoding or building weight strings. */
    private int compareAscii(GeneralCiWeights general, byte[] a, byte[] b) {
        int common = Math.min(a.length, b.length);
        for (int i = 0; i < common; i++) {
            char x = general.ascii(a[i]);
            char y = general.ascii(b[i]);
            if (x != y) {
                return x < y ? -1 : 1;
            }
        }
        if (a.length == b.length) {
            return 0;
        }
        if (!padSpace) {
            return Integer.compare(a.length, b.length);
        }
        byte[] longer = a.length > b.length ? a : b;
        for (int i = common; i < longer.length; i++) {
            char w = general.ascii(longer[i]);
            if (w != ' ') {
                return (w < ' ') == (longer == a) ? -1 : 1;
            }
        }
        return 0;
    }

    private int tailAgainstSpace(String longer, int from) {
        char space = table.spaceWeight();
        for (int i = from; i < longer.length(); i++) {
            char w = longer.charAt(i);
            if (w != space) {
                return w < space ? -1 : 1;
            }
        }
        return 0;
    }

    private static boolean isAscii(byte[] value) {
        for (byte b : value) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }
}
