package io.shardwire.router.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shardwire.router.golden.GoldenCase.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The case-file format: what counts as an expectation, and a rewrite that keeps the rest of the file. */
class GoldenCaseTest {
    @TempDir
    Path dir;

    @Test
    void aCaseWithoutExpectationIsMissingNotPassing() throws IOException {
        GoldenCase c = GoldenCase.read(write("sql: |-\n  SELECT 1\n"));
        assertInstanceOf(Outcome.Missing.class, c.expected());
        assertEquals(GoldenCase.DEFAULT_DATABASE, c.database());
    }

    @Test
    void rewriteKeepsCommentsNoteAndSqlAndReadsBack() throws IOException {
        String head = "# why: a comment that survives\nnote: \"a: note\"\ndatabase: none\nsql: |-\n  SELECT *\n    FROM t  -- two lines\n";
        Path file = write(head + "route: |-\n  single KEYED\n    s9: old\n");
        GoldenCase c = GoldenCase.read(file);
        assertNull(c.database());
        assertEquals("SELECT *\n  FROM t  -- two lines", c.sql());
        Outcome routed = new Outcome.Routed("scatter SCATTER\n  s0: as written\n  s1: SELECT 'x'\nmerge: concatenate");
        String rewritten = c.withExpectation(routed);
        assertTrue(rewritten.startsWith(head), rewritten);
        assertEquals(routed, GoldenCase.read(write(rewritten)).expected());
        Outcome refused = new Outcome.Refused("unsupported", "a \"quoted\" \\ message: with\ttab");
        assertEquals(refused, GoldenCase.read(write(c.withExpectation(refused))).expected());
    }

    @Test
    void malformedFilesAreErrors() throws IOException {
        Path unknownKey = write("sql: SELECT 1\nroutes: x\n");
        assertThrows(IllegalArgumentException.class, () -> GoldenCase.read(unknownKey));
        Path expectationFirst = write("route: |-\n  x\nsql: SELECT 1\n");
        assertThrows(IllegalArgumentException.class, () -> GoldenCase.read(expectationFirst));
        Path errorWithoutMessage = write("sql: SELECT 1\nerror: unsupported\n");
        assertThrows(IllegalArgumentException.class, () -> GoldenCase.read(errorWithoutMessage));
        Path badKind = write("sql: SELECT 1\nerror: wrong\nmessage: x\n");
        assertThrows(IllegalArgumentException.class, () -> GoldenCase.read(badKind));
        Path noSql = write("note: x\n");
        assertThrows(IllegalArgumentException.class, () -> GoldenCase.read(noSql));
    }

    private Path write(String text) throws IOException {
        Path file = Files.createTempFile(dir, "case", ".yaml");
        Files.writeString(file, text);
        return file;
    }
}
