package io.shardwire.router.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shardwire.router.sql.SqlDigest.LiteralKind;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlDigestTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SELECT c FROM sbtest1 WHERE id=42                     | SELECT c FROM sbtest1 WHERE id = ?",
        "select  *  from t  where a = 'x' and b = -5           | select * from t where a = ? and b = ?",
        "SELECT a - 5 FROM t                                   | SELECT a - ? FROM t",
        "SELECT COUNT(*) FROM t WHERE id IN (1, 2, 3)          | SELECT COUNT(*) FROM t WHERE id IN (?,?,?)",
        "SELECT * FROM t WHERE id IN (1,2,3,4,5,6)             | SELECT * FROM t WHERE id IN (?,?,?,...)",
        "INSERT INTO t (a,b) VALUES (1,'x'),(2,'y'),(3,'z'),(4,'w') | INSERT INTO t (a,b) VALUES (?,?),(?,?),(?,?),...",
        "INSERT INTO t VALUES (1,2) ON DUPLICATE KEY UPDATE a=3 | INSERT INTO t VALUES (?,?) ON DUPLICATE KEY UPDATE a = ?",
        "INSERT INTO t VALUES (1,2,3,4,5),(1,2,3,4,5),(1,2,3,4,5),(1,2,3,4,5) | INSERT INTO t VALUES (?,?,?,?,?),(?,?,?,?,?),(?,?,?,?,?),...",
        "SELECT /* hint */ `my col` FROM db.t -- trailing       | SELECT `my col` FROM db.t",
        "SELECT @a, @@session.sql_mode, NULL                    | SELECT @a,@@session.sql_mode,NULL",
    })
    void humanTextGroupsStatementsThatDifferInValues(String sql, String digest) {
        assertEquals(digest, SqlDigest.of(sql).text());
    }

    @Test
    void shapeKeepsEveryLiteralAndItsKind() {
        SqlDigest d = SqlDigest.of("SELECT * FROM t WHERE id = 7 AND x IN (1.5, 'a', 0x1F, 2, 3, 4)");
        assertEquals("SELECT * FROM t WHERE id = ?n AND x IN (?d,?s,?x,?n,?n,?n)", d.shape());
        assertEquals(List.of(LiteralKind.INTEGER, LiteralKind.DECIMAL, LiteralKind.STRING, LiteralKind.OTHER_NUMBER,
                LiteralKind.INTEGER, LiteralKind.INTEGER, LiteralKind.INTEGER),
                d.literals().stream().map(SqlDigest.Literal::kind).toList());
    }

    @Test
    void aSignBeforeANumberOperandIsPartOfTheLiteral() {
        String sql = "SELECT * FROM t WHERE id = -12 AND a-1 > 0";
        SqlDigest d = SqlDigest.of(sql);
        assertEquals(3, d.literals().size());
        SqlDigest.Literal negative = d.literals().get(0);
        assertTrue(negative.negative());
        assertEquals("-12", sql.substring(negative.start(), negative.end()));
        assertFalse(d.literals().get(1).negative());
        assertEquals(d.shape(), SqlDigest.of("SELECT * FROM t WHERE id = 12 AND a-1 > 0").shape());
    }

    @Test
    void statementsThatDifferOnlyInValuesShareTheirShape() {
        assertEquals(SqlDigest.of("UPDATE t SET a='x' WHERE id=1").shape(),
                SqlDigest.of("UPDATE t SET a = 'yy'  WHERE id = 99").shape());
        assertNotEquals(SqlDigest.of("SELECT * FROM t WHERE id = 1").shape(),
                SqlDigest.of("SELECT * FROM t WHERE id = '1'").shape());
    }
}
