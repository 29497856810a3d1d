package io.shardwire.rewrite.merge;

import java.util.Arrays;

/**
 * Compares values by their bytes, unsigned: {@code binary} (VARBINARY and BLOB columns, collation 63, no
 * padding, so {@code 'a ' > 'a'}) and the {@code _bin} collations. For UTF-8 and latin1, byte order is code
 * point order, which is what {@code utf8mb4_bin} compares; {@code utf8mb4_bin} pads with spaces,
 * {@code utf8mb4_nopad_bin} does not.
 */
record BytewiseCollation(String name, boolean padSpace) implements Collation {

    static final BytewiseCollation BINARY = new BytewiseCollation("binary", false);

    @Override
    public int compare(byte[] a, byte[] b, TextCharset charset) {
        int common = Math.min(a.length, b.length);
        int mismatch = Arrays.mismatch(a, 0, common, b, 0, common);
        if (mismatch >= 0) {
            return Integer.compare(a[mismatch] & 0xFF, b[mismatch] & 0xFF);
        }
        if (!padSpace) {
            return Integer.compare(a.length, b.length);
        }
        return a.length >= b.length ? tailAgainstSpaces(a, common) : -tailAgainstSpaces(b, common);
    }

    @Override
    public Object key(byte[] value, TextCharset charset) {
        int end = value.length;
        while (padSpace && end > 0 && value[end - 1] == ' ') {
            end--;
        }
        return new Bytes(end == value.length ? value : Arrays.copyOf(value, end));
    }

    private static int tailAgainstSpaces(byte[] longer, int from) {
        for (int i = from; i < longer.length; i++) {
            int c = longer[i] & 0xFF;
            if (c != ' ') {
                return c < ' ' ? -1 : 1;
            }
        }
        return 0;
    }

    /** A byte string as a map key, ordered unsigned. */
    record Bytes(byte[] bytes) implements Comparable<Bytes> {
        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes other && Arrays.equals(bytes, other.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public int compareTo(Bytes o) {
            return Arrays.compareUnsigned(bytes, o.bytes);
        }

        @Override
        public String toString() {
            return Arrays.toString(bytes);
        }
    }
}
