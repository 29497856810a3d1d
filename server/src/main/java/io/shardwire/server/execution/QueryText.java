package io.shardwire.server.execution;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The SQL text of a COM_QUERY as the proxy works with it: the client's bytes decoded in its character set.
 *
 * <p>Drivers that prepare statements on the client side put BLOB parameters into the text as string literals
 * holding the raw bytes, escaped only for quotes, backslashes and NUL (MariaDB Connector/J sends
 * {@code _binary'...'}, PHP and Python drivers do the same). Such bytes are usually not valid UTF-8, and
 * decoding them would turn them into U+FFFD, so the backend would store different bytes. A string literal that
 * does not decode is therefore rewritten as a hex literal ({@code X'00ff...'}), which denotes the same bytes and
 * survives the trip through a Java string. Text that decodes cleanly, the normal case, is used as is.
 *
 * <p>Only UTF-8 clients are handled this way: the other charsets the proxy decodes map every byte.
 */
final class QueryText {
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private QueryText() {
    }

    /** @param backslashEscapes false under sql_mode NO_BACKSLASH_ESCAPES, where '\' is an ordinary character */
    static String decode(byte[] sql, Charset charset, boolean backslashEscapes) {
        if (!charset.equals(StandardCharsets.UTF_8)) {
            return new String(sql, charset);
        }
        if (isValidUtf8(sql, 0, sql.length)) {
            return new String(sql, StandardCharsets.UTF_8);
        }
        return withHexLiterals(sql, backslashEscapes);
    }

    private static String withHexLiterals(byte[] sql, boolean backslashEscapes) {
        StringBuilder out = new StringBuilder(sql.length * 2);
        int copied = 0;
        int i = 0;
        while (i < sql.length) {
            int b = sql[i];
            if (b == '\'' || b == '"') {
                int end = endOfQuoted(sql, i, backslashEscapes);
                if (end < 0) {
                    break;
                }
                if (!isValidUtf8(sql, i, end)) {
                    out.append(new String(sql, copied, i - copied, StandardCharsets.UTF_8));
                    // _binary'..' becomes _binary X'..': without the space it would read as one identifier
                    out.append(i > 0 && isWordByte(sql[i - 1]) ? " X'" : "X'").append(HEX.formatHex(unescape(sql, i + 1, end - 1, backslashEscapes))).append('\'');
                    copied = end;
                }
                i = end;
            } else if (b == '`') {
                int end = endOfQuoted(sql, i, false);
                i = end < 0 ? sql.length : end;
            } else if (b == '#' || (b == '-' && at(sql, i + 1) == '-' && isSpace(at(sql, i + 2)))) {
                while (i < sql.length && sql[i] != '\n') {
                    i++;
                }
            } else if (b == '/' && at(sql, i + 1) == '*') {
                int close = indexOf(sql, i + 2, (byte) '*', (byte) '/');
                i = close < 0 ? sql.length : close + 2;
            } else {
                i++;
            }
        }
        out.append(new String(sql, copied, sql.length - copied, StandardCharsets.UTF_8));
        return out.toString();
    }

    /** The index after the closing quote of the literal opening at {@code start}, or -1 when it is not closed. */
    private static int endOfQuoted(byte[] sql, int start, boolean backslashEscapes) {
        byte quote = sql[start];
        for (int i = start + 1; i < sql.length; i++) {
            if (backslashEscapes && sql[i] == '\\') {
                i++;
            } else if (sql[i] == quote) {
                if (at(sql, i + 1) != quote) {
                    return i + 1;
                }
                i++;
            }
        }
        return -1;
    }

    /** The bytes a literal's body stands for (MySQL "String Literals": escape sequences and doubled quotes). */
    private static byte[] unescape(byte[] sql, int from, int to, boolean backslashEscapes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = sql[i];
            if (backslashEscapes && b == '\\' && i + 1 < to) {
                byte next = sql[++i];
                switch (next) {
                    case '0' -> bytes.write(0);
                    case 'b' -> bytes.write('\b');
                    case 'n' -> bytes.write('\n');
                    case 'r' -> bytes.write('\r');
                    case 't' -> bytes.write('\t');
                    case 'Z' -> bytes.write(0x1A);
                    // kept with their backslash, for LIKE patterns
                    case '%', '_' -> {
                        bytes.write('\\');
                        bytes.write(next);
                    }
                    default -> bytes.write(next);
                }
            } else if ((b == '\'' || b == '"') && b == sql[from - 1] && i + 1 < to && sql[i + 1] == b) {
                bytes.write(b);
                i++;
            } else {
                bytes.write(b);
            }
        }
        return bytes.toByteArray();
    }

    private static boolean isValidUtf8(byte[] sql, int from, int to) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(sql, from, to - from));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static int at(byte[] sql, int index) {
        return index < sql.length ? sql[index] : -1;
    }

    private static boolean isWordByte(byte b) {
        return Character.isLetterOrDigit(b) || b == '_' || b == '$';
    }

    private static boolean isSpace(int b) {
        return b == -1 || b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    private static int indexOf(byte[] sql, int from, byte first, byte second) {
        for (int i = from; i + 1 < sql.length; i++) {
            if (sql[i] == first && sql[i + 1] == second) {
                return i;
            }
        }
        return -1;
    }
}
