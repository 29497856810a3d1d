package io.shardwire.it.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shardwire.embedded.MariaDbCluster;
import io.shardwire.it.harness.MariaDbBackends;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The {@code mariadb} command-line client in batch mode, as scripts use it: the same script through the proxy
 * (as app) and directly on the backend (as root) must print exactly the same, on stdout and stderr.
 */
@MariaDbBackends(count = 3)
class MariaDbCliTest {
    private static final long TIMEOUT_SECONDS = 60;
    private static Endpoints db;
    private static ExternalTool cli;

    @BeforeAll
    static void start(MariaDbCluster cluster) throws Exception {
        cli = ExternalTool.require("mariadb", "mariadb-client");
        db = Endpoints.start(cluster, "it_cli");
    }

    @AfterAll
    static void stop() throws SQLException {
        if (db != null) {
            db.close();
        }
    }

    /** A script that touches what batch users do: DDL, DML, types, NULLs, warnings, errors, variables. */
    private static String script(String table) {
        return """
                CREATE TABLE %1$s (
                  id INT AUTO_INCREMENT PRIMARY KEY,
                  name VARCHAR(40) NOT NULL,
                  latin VARCHAR(20) CHARACTER SET latin1,
                  amount DECIMAL(12,4),
                  ratio DOUBLE,
                  flag BIT(1),
                  born DATE,
                  seen DATETIME(6),
                  tags SET('a','b','c'),
                  kind ENUM('x','y'),
                  doc JSON,
                  raw VARBINARY(16)
                );
                INSERT INTO %1$s (name, latin, amount, ratio, flag, born, seen, tags, kind, doc, raw) VALUES
                  ('plain', 'café', 12.5, 0.1, b'1', '2024-02-29', '2024-01-01 10:11:12.123456', 'a,c', 'y',
                   '{"k": [1, 2]}', x'00ff7f'),
                  ('tab\\there "quoted" \\\\ back', NULL, -0.0001, -1e300, b'0', NULL, NULL, '', NULL, NULL, ''),
                  ('ünïcödé Ωmega', 'naïve', NULL, NULL, NULL, '1000-01-01', '9999-12-31 23:59:59.999999', 'b', 'x',
                   'null', NULL);
                SELECT LAST_INSERT_ID(), ROW_COUNT();
                SELECT * FROM %1$s ORDER BY id;
                SELECT id, HEX(latin), LENGTH(latin), CHAR_LENGTH(name), flag + 0, HEX(raw) FROM %1$s ORDER BY id;
                UPDATE %1$s SET amount = amount * 2 WHERE amount IS NOT NULL;
                SELECT ROW_COUNT();
                UPDATE %1$s SET name = name WHERE id = 1;
                SELECT ROW_COUNT();
                INSERT INTO %1$s (id, name) VALUES (1, 'duplicate');
                SELECT 'after the error' AS still;
                SELECT 1/0, CAST('12abc' AS INT);
                SHOW WARNINGS;
                SET @total = (SELECT SUM(id) FROM %1$s);
                SELECT @total, @total * 2 AS doubled;
                START TRANSACTION;
                DELETE FROM %1$s;
                ROLLBACK;
                SELECT COUNT(*) FROM %1$s;
                SELECT @@character_set_results, @@collation_connection, @@sql_mode IS NOT NULL, @@autocommit;
                SELECT
                  CONCAT('multi', '-', 'line') AS joined,
                  NULL AS nothing, '' AS empty;
                SHOW COLUMNS FROM %1$s;
                SHOW CREATE TABLE %1$s;
                SELECT table_name, table_rows >= 0 FROM information_schema.tables
                  WHERE table_schema = DATABASE() AND table_name = '%1$s';
                DROP TABLE %1$s;
                SELECT * FROM %1$s;
                """.formatted(table);
    }

    private static List<String> proxyArgs(String... options) {
        List<String> args = new ArrayList<>(List.of("--no-defaults", "-h127.0.0.1", "-P" + db.proxyPort(), "-uapp",
                "-papp"));
        args.addAll(List.of(options));
        return args;
    }

    private static List<String> directArgs(String... options) {
        List<String> args = new ArrayList<>(List.of("--no-defaults", "-h127.0.0.1", "-P" + db.backend().port(),
                "-uroot"));
        args.addAll(List.of(options));
        return args;
    }

    private static List<String> withDatabase(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        all.add(db.database());
        return all;
    }

    private static void assertSameOutput(ExternalTool.Run direct, ExternalTool.Run proxied) {
        assertEquals(direct.stdout(), proxied.stdout(), "stdout through the proxy vs direct\n" + proxied);
        assertEquals(direct.stderr(), proxied.stderr(), "stderr through the proxy vs direct\n" + proxied);
        assertEquals(direct.exitCode(), proxied.exitCode(), "exit code\n" + proxied);
    }

    /** The script on stdin, continuing after errors, in the CLI's default character set and TLS mode. */
    @Test
    void scriptOnStdinPrintsTheSameAsDirect() {
        ExternalTool.Run direct = cli.run(withDatabase(directArgs(), "--batch", "--force"), script("cli_t"),
                TIMEOUT_SECONDS);
        cleanUp("cli_t");
        ExternalTool.Run proxied = cli.run(withDatabase(proxyArgs(), "--batch", "--force"), script("cli_t"),
                TIMEOUT_SECONDS);
        assertTrue(direct.stdout().contains("after the error"), direct.toString());
        assertSameOutput(direct, proxied);
    }

    /** Without --force the CLI stops at the first error, with the same message and exit code. */
    @Test
    void scriptStopsAtTheFirstErrorLikeDirect() {
        String stops = "CREATE TABLE cli_stop (id INT PRIMARY KEY);\nINSERT INTO cli_stop VALUES (1);\n"
                + "INSERT INTO cli_stop VALUES (1);\nSELECT 'never printed';\n";
        ExternalTool.Run direct = cli.run(withDatabase(directArgs(), "--batch"), stops, TIMEOUT_SECONDS);
        cleanUp("cli_stop");
        ExternalTool.Run proxied = cli.run(withDatabase(proxyArgs(), "--batch"), stops, TIMEOUT_SECONDS);
        cleanUp("cli_stop");
        assertEquals(1, direct.exitCode(), direct.toString());
        assertSameOutput(direct, proxied);
    }

    /** utf8mb4 text (emoji) with the client's character set set to utf8mb4, and a statement given with -e. */
    @Test
    void utf8mb4ScriptAndDashEPrintTheSameAsDirect() {
        String script = "CREATE TABLE cli_emoji (id INT PRIMARY KEY, s VARCHAR(20) CHARACTER SET utf8mb4,"
                + " l VARCHAR(20) CHARACTER SET latin1);\n"
                + "INSERT INTO cli_emoji VALUES (1, '😀 smile', 'déjà vu'), (2, '𝄞 clef', NULL);\n"
                + "SELECT id, s, HEX(s), CHAR_LENGTH(s), l, HEX(l) FROM cli_emoji ORDER BY id;\n"
                + "SELECT @@character_set_results, @@character_set_connection;\n"
                + "DROP TABLE cli_emoji;\n";
        ExternalTool.Run direct = cli.run(withDatabase(directArgs(), "--batch", "--default-character-set=utf8mb4"),
                script, TIMEOUT_SECONDS);
        ExternalTool.Run proxied = cli.run(withDatabase(proxyArgs(), "--batch", "--default-character-set=utf8mb4"),
                script, TIMEOUT_SECONDS);
        assertSameOutput(direct, proxied);

        String e = "SELECT 1 AS one, 'two' AS two; SELECT DATABASE(), @@version_comment IS NOT NULL;";
        assertSameOutput(cli.run(withDatabase(directArgs(), "--batch", "-e", e), "", TIMEOUT_SECONDS),
                cli.run(withDatabase(proxyArgs(), "--batch", "-e", e), "", TIMEOUT_SECONDS));
        String noDatabase = "SELECT DATABASE(); SHOW DATABASES LIKE 'it_cli'";
        List<String> directNoDb = directArgs("--batch", "-e", noDatabase);
        List<String> proxyNoDb = proxyArgs("--batch", "-e", noDatabase);
        assertSameOutput(cli.run(directNoDb, "", TIMEOUT_SECONDS), cli.run(proxyNoDb, "", TIMEOUT_SECONDS));
    }

    /** TLS forced with --ssl and refused with --skip-ssl: same output either way, and the CLI says which it used. */
    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"--ssl", "--skip-ssl"})
    void tlsModesPrintTheSameAsDirect(String tlsOption) {
        ExternalTool.Run direct = cli.run(withDatabase(directArgs(), "--batch", "--force"), script("cli_tls"),
                TIMEOUT_SECONDS);
        cleanUp("cli_tls");
        ExternalTool.Run proxied = cli.run(withDatabase(proxyArgs(tlsOption), "--batch", "--force"),
                script("cli_tls"), TIMEOUT_SECONDS);
        assertSameOutput(direct, proxied);

        ExternalTool.Run status = cli.run(withDatabase(proxyArgs(tlsOption), "-e", "status"), "", TIMEOUT_SECONDS);
        assertEquals(0, status.exitCode(), status.toString());
        String expected = tlsOption.equals("--ssl") ? "SSL:\t\t\tCipher in use is " : "SSL:\t\t\tNot in use";
        assertTrue(status.stdout().contains(expected), "expected '" + expected + "' in\n" + status);
    }

    /** The CLI's {@code status} command: connection facts from the proxy, COM_STATISTICS for uptime. */
    @Test
    void statusCommandWorks() {
        ExternalTool.Run status = cli.run(withDatabase(proxyArgs(), "-e", "status"), "", TIMEOUT_SECONDS);
        assertEquals(0, status.exitCode(), status.toString());
        assertEquals("", status.stderr(), status.toString());
        String out = status.stdout();
        for (String expected : List.of("Current database:\t" + db.database(), "Server version:\t\t",
                "-shardwire", "Protocol version:\t10", "TCP port:\t\t" + db.proxyPort(), "Uptime:", "Threads: ")) {
            assertTrue(out.contains(expected), "expected '" + expected + "' in\n" + out);
        }
    }

    /** Drops a table a direct run left, so the proxy's run starts from the same state. */
    private static void cleanUp(String table) {
        ExternalTool.Run run = cli.run(withDatabase(directArgs(), "-e", "DROP TABLE IF EXISTS " + table), "",
                TIMEOUT_SECONDS);
        assertEquals(0, run.exitCode(), run.toString());
    }
}
