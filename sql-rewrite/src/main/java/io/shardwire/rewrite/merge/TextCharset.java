package io.shardwire.rewrite.merge;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The character set a string value's bytes are in. In the text protocol that is the connection's
 * {@code character_set_results}, which is also the collation id the backend reports in the column
 * definition (not the column's own collation: MariaDB reports {@code utf8mb4_general_ci} (45) for a
 * {@code utf8mb4_unicode_ci} column when the results are converted to utf8mb4).
 */
sealed interface TextCharset permits TextCharset.Standard, MysqlLatin1 {

    String decode(byte[] value);

    /** Whether bytes below 0x80 are ASCII characters (so an all-ASCII value needs no decoding). */
    boolean asciiCompatible();

    /** A character set Java implements the same way MySQL does. */
    record Standard(Charset charset) implements TextCharset {
        @Override
        public String decode(byte[] value) {
            return new String(value, charset);
        }

        @Override
        public boolean asciiCompatible() {
            return !charset.name().startsWith("UTF-16") && !charset.name().startsWith("UTF-32");
        }
    }

    /** The MySQL character set (the part of a collation name before the first underscore) as Java knows it. */
    static TextCharset forMysqlName(String mysqlCharset) {
        if (mysqlCharset.equals("latin1")) {
            return MysqlLatin1.INSTANCE;
        }
        String javaName = JAVA_NAMES.getOrDefault(mysqlCharset, "UTF-8");
        Charset charset = Charset.isSupported(javaName) ? Charset.forName(javaName) : StandardCharsets.UTF_8;
        return new Standard(charset);
    }

    /** MySQL character set names whose Java name differs; everything unknown is read as UTF-8. */
    Map<String, String> JAVA_NAMES = Map.ofEntries(
            Map.entry("utf8mb4", "UTF-8"), Map.entry("utf8mb3", "UTF-8"), Map.entry("utf8", "UTF-8"),
            Map.entry("ascii", "US-ASCII"), Map.entry("latin2", "ISO-8859-2"), Map.entry("latin5", "ISO-8859-9"),
            Map.entry("latin7", "ISO-8859-13"), Map.entry("greek", "ISO-8859-7"), Map.entry("hebrew", "ISO-8859-8"),
            Map.entry("cp1250", "windows-1250"), Map.entry("cp1251", "windows-1251"),
            Map.entry("cp1256", "windows-1256"), Map.entry("cp1257", "windows-1257"), Map.entry("cp850", "IBM850"),
            Map.entry("cp852", "IBM852"), Map.entry("cp866", "IBM866"), Map.entry("koi8r", "KOI8-R"),
            Map.entry("koi8u", "KOI8-U"), Map.entry("big5", "Big5"), Map.entry("gbk", "GBK"),
            Map.entry("gb2312", "GB2312"), Map.entry("sjis", "Shift_JIS"), Map.entry("cp932", "windows-31j"),
            Map.entry("ujis", "EUC-JP"), Map.entry("eucjpms", "EUC-JP"), Map.entry("euckr", "EUC-KR"),
            Map.entry("tis620", "TIS-620"), Map.entry("ucs2", "UTF-16BE"), Map.entry("utf16", "UTF-16BE"),
            Map.entry("utf16le", "UTF-16LE"), Map.entry("utf32", "UTF-32BE"), Map.entry("macroman", "x-MacRoman"),
            Map.entry("macce", "x-MacCentralEurope"));
}
