package io.shardwire.server.prepared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Placeholders found by the tokenizer, and literals put in their place. */
class SqlTemplateTest {

    @Test
    void questionMarksInStringsNamesAndCommentsAreNotPlaceholders() {
        SqlTemplate t = SqlTemplate.parse("SELECT '?', \"?\", `?`, a /* ? */ FROM t -- ?\nWHERE b = ? # ?\n AND c = ?");
        assertEquals(2, t.parameterCount());
        assertEquals("SELECT '?', \"?\", `?`, a /* ? */ FROM t -- ?\nWHERE b = 1 # ?\n AND c = 'x'",
                t.render(List.of("1", "'x'")));
    }

    @Test
    void versionedCommentsAreCode() {
        assertEquals(1, SqlTemplate.parse("SELECT /*!40101 ? */ 1").parameterCount());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // a bare select item keeps MySQL's column name "?"
        "SELECT ?                              | SELECT 7 AS `?`",
        "SELECT ?, ? FROM t                    | SELECT 7 AS `?`, 7 AS `?` FROM t",
        "SELECT DISTINCT ? FROM t              | SELECT DISTINCT 7 AS `?` FROM t",
        "SELECT ? AS n                         | SELECT 7 AS n",
        "SELECT ? + 1                          | SELECT 7 + 1",
        "SELECT f(?)                           | SELECT f(7)",
        "SELECT a FROM t WHERE id IN (SELECT ?) | SELECT a FROM t WHERE id IN (SELECT 7 AS `?`)",
        "INSERT INTO t VALUES (?, ?)           | INSERT INTO t VALUES (7, 7)",
        // an integer in ORDER BY / GROUP BY would be a column position; a parameter there is a constant
        "SELECT a FROM t ORDER BY ?            | SELECT a FROM t ORDER BY (0+7)",
        "SELECT a FROM t GROUP BY ?, a         | SELECT a FROM t GROUP BY (0+7), a",
        "SELECT a FROM t ORDER BY a LIMIT ?    | SELECT a FROM t ORDER BY a LIMIT 7",
        "SELECT a FROM t ORDER BY FIELD(a, ?)  | SELECT a FROM t ORDER BY FIELD(a, 7)",
        "SELECT a FROM t LIMIT ?, ?            | SELECT a FROM t LIMIT 7, 7",
    })
    void substitutesByContext(String sql, String expected) {
        SqlTemplate t = SqlTemplate.parse(sql);
        assertEquals(expected, t.render(java.util.Collections.nCopies(t.parameterCount(), "7")));
    }

    @Test
    void onlyIntegersAreWrappedInOrderBy() {
        assertEquals("SELECT a FROM t ORDER BY 'x'", SqlTemplate.parse("SELECT a FROM t ORDER BY ?").render(List.of("'x'")));
        assertEquals("SELECT a FROM t ORDER BY (0+-3)", SqlTemplate.parse("SELECT a FROM t ORDER BY ?").render(List.of("-3")));
    }

    @Test
    void refusesTheWrongNumberOfLiterals() {
        assertThrows(IllegalArgumentException.class, () -> SqlTemplate.parse("SELECT ?").render(List.of()));
    }
}
