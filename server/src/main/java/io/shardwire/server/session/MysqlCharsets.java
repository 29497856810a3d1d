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

    /**
     * The name of a utf8mb4 collation id a client may ask for in its handshake, when it is not utf8mb4_general_ci
     * (45, the backend connections' own) and the backends know it; empty otherwise (MySQL 8's 255,
     * utf8mb4_0900_ai_ci, is unknown to MariaDB).
     */
    public static java.util.Optional<String> utf8mb4CollationOtherThanDefault(int collationId) {
        return java.util.Optional.ofNullable(switch (collationId) {
            case 46 -> "utf8mb4_bin";
            case 224 -> "utf8mb4_unicode_ci";
            case 225 -> "utf8mb4_icelandic_ci";
            case 226 -> "utf8mb4_latvian_ci";
            case 227 -> "utf8mb4_romanian_ci";
            case 228 -> "utf8mb4_slovenian_ci";
            case 229 -> "utf8mb4_polish_ci";
            case 230 -> "utf8mb4_estonian_ci";
            case 231 -> "utf8mb4_spanish_ci";
            case 232 -> "utf8mb4_swedish_ci";
            case 233 -> "utf8mb4_turkish_ci";
            case 234 -> "utf8mb4_czech_ci";
            case 235 -> "utf8mb4_danish_ci";
            case 236 -> "utf8mb4_lithuanian_ci";
            case 237 -> "utf8mb4_slovak_ci";
            case 238 -> "utf8mb4_spanish2_ci";
            case 239 -> "utf8mb4_roman_ci";
            case 240 -> "utf8mb4_persian_ci";
            case 241 -> "utf8mb4_esperanto_ci";
            case 242 -> "utf8mb4_hungarian_ci";
            case 243 -> "utf8mb4_sinhala_ci";
            case 244 -> "utf8mb4_german2_ci";
            case 245 -> "utf8mb4_croatian_mysql561_ci";
            case 246 -> "utf8mb4_unicode_520_ci";
            case 247 -> "utf8mb4_vietnamese_ci";
            default -> null;
        });
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
