package io.shardwire.router.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shardwire.router.sql.SqlTokenizer;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StatementAccessTest {

    private static StatementAccess access(String sql) {
        return StatementAccess.of(StatementClassifier.classify(sql), SqlTokenizer.tokenize(sql));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT * FROM customers WHERE id = 1", "SELECT c.name, o.amount FROM customers c JOIN orders o ON o.cid = c.id",
            "SELECT TRIM(BOTH ' ' FROM c.name) FROM customers c", "SELECT a FROM t ORDER BY a DESC, t.b",
            "BEGIN", "COMMIT", "SET NAMES utf8mb4", "SET @a = 1", "SET autocommit = 0, sql_mode = 'ANSI'",
            "SELECT EXTRACT(YEAR FROM o.created) FROM orders o", "SHOW TABLES", "SHOW COLUMNS FROM customers",
            "SELECT * FROM customers FOR UPDATE", "EXECUTE s USING @a", "SELECT @@global.max_connections",
            "SHOW GLOBAL STATUS", "SHOW FULL TABLES", "KILL 5", "SHOW GRANTS", "SHOW PROCESSLIST", "SHOW FULL PROCESSLIST",
            "SHOW ENGINES", "SHOW VARIABLES LIKE 'max%'", "SHOW PLUGINS", "SHOW FULL COLUMNS FROM customers",
            "SHOW CREATE TABLE customers", "SHOW TRIGGERS LIKE 'customers'", "LOCK TABLES customers READ",
            "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_NAME = 'x'"})
    void plainStatementsNeedNothingMore(String sql) {
        assertTrue(access(sql).plain(), () -> sql + " -> " + access(sql));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "SHUTDOWN|SHUTDOWN", "shutdown wait for all slaves|SHUTDOWN", "GRANT ALL ON *.* TO x|GRANT ALL",
            "REVOKE SELECT ON shop.* FROM x|REVOKE SELECT", "CREATE USER evil IDENTIFIED BY 'x'|CREATE USER",
            "DROP USER IF EXISTS evil|DROP USER", "RENAME USER a TO b|RENAME USER", "SET GLOBAL max_connections = 1|SET GLOBAL max_connections",
            "SET @@global.read_only = 1|SET GLOBAL read_only", "SET sql_log_bin = 0|SET sql_log_bin",
            "SET SESSION gtid_seq_no = 5|SET gtid_seq_no", "SET PASSWORD = PASSWORD('x')|SET PASSWORD",
            "SET PERSIST max_connections = 5|SET PERSIST", "INSTALL SONAME 'ha_connect'|INSTALL SONAME",
            "UNINSTALL PLUGIN x|UNINSTALL PLUGIN", "FLUSH PRIVILEGES|FLUSH PRIVILEGES", "FLUSH TABLES WITH READ LOCK|FLUSH TABLES",
            "RESET MASTER|RESET MASTER", "CHANGE MASTER TO MASTER_HOST='x'|CHANGE MASTER", "STOP SLAVE|STOP SLAVE",
            "START SLAVE|START SLAVE", "PURGE BINARY LOGS BEFORE NOW()|PURGE BINARY", "KILL USER root|KILL",
            "SET STATEMENT sql_log_bin=0 FOR DELETE FROM t|SET STATEMENT sql_log_bin",
            "CREATE FUNCTION f RETURNS STRING SONAME 'x.so'|CREATE FUNCTION ... SONAME",
            "SET GLOBAL TRANSACTION ISOLATION LEVEL SERIALIZABLE|SET GLOBAL TRANSACTION",
            "PREPARE s FROM 'SHUTDOWN'|SHUTDOWN", "EXECUTE IMMEDIATE 'SET GLOBAL max_connections=1'|SET GLOBAL max_connections",
            "CREATE PROCEDURE p() BEGIN SHUTDOWN; END|SHUTDOWN in a stored program",
            "CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO SET GLOBAL max_connections = 2|SET GLOBAL in a stored program"})
    void serverWideChangesAreNamed(String sql, String operation) {
        assertEquals(operation, access(sql).serverChange(), sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SHOW SLAVE STATUS", "SHOW MASTER STATUS", "SHOW BINARY LOGS", "SHOW BINLOG EVENTS",
            "SHOW ENGINE INNODB STATUS",
            "SELECT * FROM information_schema.PROCESSLIST", "SELECT info FROM information_schema.processlist p",
            "SHOW ALL SLAVES STATUS", "SHOW CREATE USER root"})
    void serverWideReadsAreNamed(String sql) {
        assertNotNull(access(sql).serverRead(), sql);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "SELECT * FROM mysql.user|mysql", "SELECT host FROM shop.customers c, mysql.user u|mysql",
            "SELECT * FROM customers c JOIN mysql.user ON 1|mysql", "SELECT mysql.user.host FROM t|mysql",
            "UPDATE customers c, mysql.user u SET u.x = 1|mysql", "INSERT INTO mysql.user VALUES (1)|mysql",
            "DELETE FROM performance_schema.t|performance_schema", "SELECT * FROM mysql.user mysql|mysql",
            "SELECT * FROM t WHERE id IN (SELECT id FROM other.t)|other", "CALL mysql.p()|mysql",
            "SHOW TABLES FROM mysql|mysql", "SHOW TABLES IN mysql LIKE 'u%'|mysql", "SHOW COLUMNS FROM user FROM mysql|mysql",
            "SHOW COLUMNS FROM mysql.user|mysql", "SHOW CREATE TABLE mysql.user|mysql", "DESCRIBE mysql.user|mysql",
            "CREATE TABLE t LIKE mysql.user|mysql", "DROP DATABASE other|other",
            "CREATE DATABASE IF NOT EXISTS other|other", "SHOW CREATE DATABASE other|other",
            "SELECT * FROM a JOIN b ON a.id = b.id, mysql.user mysql|mysql", "SELECT * FROM a AS x, mysql.user|mysql",
            "PREPARE s FROM 'SELECT * FROM mysql.user'|mysql", "SET @x = (SELECT password FROM mysql.user LIMIT 1)|mysql",
            "LOCK TABLES a READ, mysql.user WRITE|mysql", "DELETE FROM t USING t, mysql.user|mysql"})
    void namedSchemasAreFound(String sql, String schema) {
        assertTrue(access(sql).schemas().contains(schema), () -> sql + " -> " + access(sql));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"SELECT mysql.x FROM t|mysql", "SELECT (SELECT sys.x) FROM t|sys"})
    void undeclaredQualifiersAreKept(String sql, String qualifier) {
        assertEquals(Set.of(qualifier), access(sql).qualifiers(), sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT sys.id FROM systems sys", "SELECT c.name FROM customers c", "SELECT t.a FROM t"})
    void declaredAliasesAreNotSchemas(String sql) {
        assertTrue(access(sql).plain(), () -> sql + " -> " + access(sql));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"INSERT INTO customers VALUES (1)|INSERT|customers", "UPDATE orders SET a = 1|UPDATE|orders",
            "DELETE FROM t WHERE id = 1|DELETE|t", "REPLACE INTO t VALUES (1)|REPLACE|t", "CREATE TABLE n (id INT)|CREATE|n",
            "DROP TABLE t|DROP|t", "TRUNCATE TABLE t|TRUNCATE|t", "ALTER TABLE t ADD c INT|ALTER|t",
            "LOCK TABLES t WRITE|LOCK|t", "PREPARE s FROM 'DELETE FROM t'|DELETE|t", "CALL p()|CALL|p"})
    void writesAreNamedWithTheirTable(String sql, String command, String table) {
        StatementAccess a = access(sql);
        assertEquals(command, a.write(), sql);
        assertEquals(table, a.writeTable(), sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT LOAD_FILE('/etc/passwd')", "SELECT * FROM t INTO OUTFILE '/tmp/x'",
            "SELECT 1 INTO DUMPFILE '/tmp/y'", "LOAD DATA INFILE '/etc/passwd' INTO TABLE t"})
    void fileAccessIsNamed(String sql) {
        assertNotNull(access(sql).fileAccess(), sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PREPARE s FROM @q", "EXECUTE IMMEDIATE @q", "EXECUTE IMMEDIATE CONCAT('SHUT', 'DOWN')",
            "CREATE PROCEDURE p() BEGIN PREPARE s FROM @q; EXECUTE s; END"})
    void dynamicSqlIsUnchecked(String sql) {
        assertNotNull(access(sql).unchecked(), sql);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SELECT * FROM customers FOR UPDATE", "LOAD DATA LOCAL INFILE 'x' INTO TABLE t", "SELECT 1"})
    void readsAndLocalLoadsTouchNoServerFile(String sql) {
        assertNull(access(sql).fileAccess(), sql);
        assertNull(access(sql).serverChange(), sql);
    }
}
