package io.shardwire.rewrite.merge;

/**
 * MySQL's {@code latin1}: Windows-1252, except that the five bytes cp1252 leaves undefined (81, 8D, 8F, 90,
 * 9D) stand for the C1 control characters of the same number. Java's windows-1252 decodes those five to
 * U+FFFD, which would make distinct values compare equal. The 0x80-0x9F row was read from MariaDB 10.11:
 * {@code select hex(convert(convert(unhex('80') using latin1) using utf16))} and so on.
 */
enum MysqlLatin1 implements TextCharset {
    INSTANCE;

    private static final char[] ROW_80 = {
        '\u20AC', '\u0081', '\u201A', '\u0192', '\u201E', '\u2026', '\u2020', '\u2021',
        '\u02C6', '\u2030', '\u0160', '\u2039', '\u0152', '\u008D', '\u017D', '\u008F',
        '\u0090', '\u2018', '\u2019', '\u201C', '\u201D', '\u2022', '\u2013', '\u2014',
        '\u02DC', '\u2122', '\u0161', '\u203A', '\u0153', '\u009D', '\u017E', '\u0178'};

    @Override
    public String decode(byte[] value) {
        char[] chars = new char[value.length];
        for (int i = 0; i < value.length; i++) {
            chars[i] = charOf(value[i] & 0xFF);
        }
        return new String(chars);
    }

    @Override
    public boolean asciiCompatible() {
        return true;
    }

    static char charOf(int b) {
        return b >= 0x80 && b < 0xA0 ? ROW_80[b - 0x80] : (char) b;
    }

    /** The latin1 byte of a code point, or {@code '?'} (what MySQL's conversion writes) when it has none. */
    static int byteOf(int codePoint) {
        if (codePoint < 0x80 || (codePoint >= 0xA0 && codePoint <= 0xFF)) {
            return codePoint;
        }
        for (int i = 0; i < ROW_80.length; i++) {
            if (ROW_80[i] == codePoint) {
                return 0x80 + i;
            }
        }
        return '?';
    }
}
