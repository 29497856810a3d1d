package io.shardwire.rewrite.merge;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/** Reads the numbers of the text protocol: ASCII digits, an optional sign, point and exponent. */
final class NumberText {

    private NumberText() {
    }

    static BigDecimal decimal(byte[] value) {
        char[] chars = new char[value.length];
        for (int i = 0; i < value.length; i++) {
            chars[i] = (char) (value[i] & 0xFF);
        }
        try {
            return new BigDecimal(chars);
        } catch (NumberFormatException e) {
            throw notA("a DECIMAL", value);
        }
    }

    static double doubleOf(byte[] value) {
        try {
            return Double.parseDouble(new String(value, StandardCharsets.ISO_8859_1));
        } catch (NumberFormatException e) {
            throw notA("a DOUBLE", value);
        }
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static MergeException notA(String what, byte[] value) {
        String shown = new String(value, 0, Math.min(value.length, 64), StandardCharsets.ISO_8859_1);
        return new MergeException("value '" + shown + "' from a backend is not " + what
                + " as its column type says; the merge cannot order or combine it");
    }
}
