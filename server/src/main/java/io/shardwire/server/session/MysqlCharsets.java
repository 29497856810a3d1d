package io.shardwire.server.session;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * MySQL character set names and collation ids as Java charsets, for decoding the client's SQL text.
 * Only client-capable charsets are listed; anything unknown is treated as utf8mb4, the default of every
 * current client.
 */
public final class MysqlCharsets {
    private static final Map<String, String> JAVA_NAMES = Map.ofEntries(
            Map.entry("utf8mb4", "UTF-8"), Map.entry("utf8", "UTF-8"), Map.entry("utf8mb3", "UTF-8"),
            Map.entry("latin1", "windows-1252"), Map.entry("ascii", "US-ASCII"), Map.entry("binary", "ISO-8859-1"),
            Map.entry("latin2", "ISO-8859-2"), Map.entry("cp1250", "windows-1250"), Map.entry("cp1251", "windows-1251"),
            Map.entry("cp1256", "windows-1256"), Map.entry("cp1257", "windows-1257"), Map.entry("greek", "ISO-8859-7"),
            Map.entry("hebrew", "ISO-8859-8"), Map.entry("latin5", "ISO-8859-9"), Map.entry("koi8r", "KOI8-R"),
            Map.entry("gbk", "GBK"), Map.entry("gb2312", "GB2312"), Map.entry("big5", "Big5"), Map.entry("sjis", "Shift_JIS"),
            Map.entry("cp932", "windows-31j"), Map.entry("ujis", "EUC-JP"), Map.entry("eucjpms", "EUC-JP"),
            Map.entry("euckr", "EUC-KR"), Map.entry("gb18030", "GB18030"), Map.entry("cp850", "IBM850"));

    private MysqlCharsets() {
    }

    /** The MySQL charset name of a collation id sent in the handshake. */
    public static String nameOfCollation(int collationId) {
        return switch (collationId) {
            case 8, 15, 31, 47, 48, 49, 94 -> "latin1";
            case 11, 65 -> "ascii";
            case 63 -> "binary";
            case 33, 83, 192, 193, 194, 195, 196, 197, 198, 199, 200, 201, 202, 203, 204, 205, 206, 207, 208, 209,
                 210, 211, 212, 213, 214, 215, 223 -> "utf8mb3";
            case 28, 87 -> "gbk";
            case 1, 84 -> "big5";
            case 13, 88 -> "sjis";
            case 19, 85 -> "euckr";
            case 14, 51, 52 -> "cp1251";
            case 9, 21, 27, 77 -> "latin2";
            default -> "utf8mb4";
        };
    }

    public static Charset javaCharset(String mysqlName) {
        String name = mysqlName == null ? "utf8mb4" : mysqlName.toLowerCase(Locale.ROOT);
        String java = JAVA_NAMES.get(name);
        if (java == null || !Charset.isSupported(java)) {
            return StandardCharsets.UTF_8;
        }
        return Charset.forName(java);
    }
}
