package io.shardwire.server.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class QueryTextTest {
    private static final Charset UTF8 = StandardCharsets.UTF_8;

    /** SQL text given as ASCII with {@code <xx>} for single raw bytes. */
    private static byte[] bytes(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '<' && i + 3 < text.length() && text.charAt(i + 3) == '>') {
                out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 3;
            } else {
                out.writeBytes(String.valueOf(text.charAt(i)).getBytes(UTF8));
            }
        }
        return out.toByteArray();
    }

    @Test
    void validUtf8IsDecodedAsIs() {
        String sql = "INSERT INTO t VALUES ('😀 ünï', 'a\\'b', \"x\"\"y\", _binary'\\0')";
        assertEquals(sql, QueryText.decode(sql.getBytes(UTF8), UTF8, true));
    }

    @Test
    void binaryLiteralThatIsNotUtf8BecomesAHexLiteral() {
        assertEquals("INSERT INTO t VALUES (1, _binary X'00FF80275C0A27', 'ok')", QueryText.decode(
                bytes("INSERT INTO t VALUES (1, _binary'\\0<ff><80>\\'\\\\\\n''', 'ok')"), UTF8, true));
    }

    @Test
    void doubleQuotedLiteralAndLikeEscapesKeepTheirBytes() {
        assertEquals("SELECT X'FE225C255C5F78'", QueryText.decode(bytes("SELECT \"<fe>\"\"\\%\\_\\x\""), UTF8, true));
    }

    @Test
    void withoutBackslashEscapesABackslashIsAByte() {
        assertEquals("SELECT X'FF5C', 'b'", QueryText.decode(bytes("SELECT '<ff>\\', 'b'"), UTF8, false));
    }

    @Test
    void bytesOutsideLiteralsAreLeftToTheServer() {
        assertEquals("SELECT 1 /* \uFFFD ' */, `\uFFFD'`, X'FF' # '\n",
                QueryText.decode(bytes("SELECT 1 /* <ff> ' */, `<ff>'`, '<ff>' # '\n"), UTF8, true));
    }

    @Test
    void unterminatedLiteralIsDecodedLeniently() {
        assertEquals("SELECT '\uFFFD", QueryText.decode(bytes("SELECT '<ff>"), UTF8, true));
    }

    @Test
    void otherCharsetsAreDecodedDirectly() {
        Charset latin1 = Charset.forName("windows-1252");
        assertEquals("SELECT 'café'", QueryText.decode(bytes("SELECT 'caf<e9>'"), latin1, true));
    }
}
