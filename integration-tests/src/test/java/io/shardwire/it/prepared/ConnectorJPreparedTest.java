package io.shardwire.it.prepared;

import static io.shardwire.it.prepared.ResultSets.assertSameResults;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.mysql.cj.jdbc.result.ResultSetImpl;
import com.mysql.cj.protocol.a.result.ResultsetRowsCursor;
import io.shardwire.embedded.MariaDbCluster;
import io.shardwire.embedded.MariaDbServer;
import io.shardwire.it.harness.MariaDbBackends;
import io.shardwire.it.harness.ProxyUnderTest;
import io.shardwire.server.prepared.PreparedStatementCommands;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * MySQL Connector/J with server-side prepared statements ({@code useServerPrepStmts=true}, {@code
 * cachePrepStmts=true}) through the proxy, compared with the same driver on a direct connection to the backend:
 * whatever the driver reports must be the same.
 */
@MariaDbBackends(count = 3)
class ConnectorJPreparedTest {
    private static final String DB = "ps_connectorj";
    private static final String PS = "useServerPrepStmts=true&cachePrepStmts=true";
    private static ProxyUnderTest proxy;
    private static MariaDbServer backend;

    @BeforeAll
    static void start(MariaDbCluster cluster) throws Exception {
        proxy = ProxyUnderTest.start(cluster, DB);
        backend = cluster.server(0);
    }

    @AfterAll
    static void stop() throws SQLException {
        try (Connection c = direct(""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DB);
        } finally {
            proxy.close();
        }
    }

    static Connection viaProxy(String extra) throws SQLException {
        return DriverManager.getConnection(proxy.mysqlUrl(DB, PS + (extra.isEmpty() ? "" : "&" + extra)), "app", "app");
    }

    static Connection direct(String extra) throws SQLException {
        return DriverManager.getConnection(backend.jdbcUrl(DB) + "?sslMode=DISABLED&" + PS
                + (extra.isEmpty() ? "" : "&" + extra), "root", "");
    }

    @Test
    void everyTypeIsWrittenAndReadAsOnADirectConnection() throws SQLException {
        try (Connection p = viaProxy(""); Connection d = direct("")) {
            assertEquals(TypedRows.write(d, "typed_direct"), TypedRows.write(p, "typed_proxy"), "insert outcomes");
            // what the proxy wrote, read back as text on the backend, equals what the backend wrote itself
            try (Statement s = d.createStatement();
                 ResultSet written = s.executeQuery("SELECT * FROM typed_proxy ORDER BY id");
                 Statement s2 = d.createStatement();
                 ResultSet expected = s2.executeQuery("SELECT * FROM typed_direct ORDER BY id")) {
                assertSameResults(expected, written, "rows written through binary parameters");
            }
            // the same rows read with a prepared SELECT: binary rows from the proxy, from the backend directly
            String select = "SELECT * FROM typed_direct WHERE id > ? ORDER BY id";
            try (PreparedStatement ps = p.prepareStatement(select); PreparedStatement ds = d.prepareStatement(select)) {
                ps.setInt(1, 0);
                ds.setInt(1, 0);
                try (ResultSet actual = ps.executeQuery(); ResultSet expected = ds.executeQuery()) {
                    assertSameResults(expected, actual, "binary result rows");
                }
                assertEquals(ResultSets.metadata(ds.getMetaData()), ResultSets.metadata(ps.getMetaData()),
                        "metadata of the prepared statement");
            }
        }
    }

    @Test
    void nullsOfEveryDeclaredType() throws SQLException {
        int[] types = {Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.FLOAT, Types.DOUBLE,
            Types.DECIMAL, Types.DATE, Types.TIME, Types.TIMESTAMP, Types.VARCHAR, Types.BLOB, Types.CLOB,
            Types.BINARY, Types.BIT, Types.BOOLEAN, Types.NULL};
        String sql = "SELECT ? IS NULL AS n, COALESCE(?, 'was null') AS v";
        for (int type : types) {
            assertSameAnswers(sql, ps -> {
                ps.setNull(1, type);
                ps.setNull(2, type);
            }, "setNull(" + type + ")");
        }
    }

    @Test
    void longDataFromStreamsReplacesInlineValues() throws Exception {
        byte[] blob = new byte[1 << 20];
        new Random(4).nextBytes(blob);
        String text = "ünïcödé \\ ' \" ".repeat(40_000);
        for (Connection c : new Connection[] {viaProxy(""), direct("")}) {
            try (c; Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS long_" + (c.getMetaData().getURL().contains(":" + proxy.port()) ? "p" : "d"));
            }
        }
        try (Connection p = viaProxy(""); Connection d = direct("")) {
            for (Connection c : List.of(p, d)) {
                String table = c == p ? "long_p" : "long_d";
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, b LONGBLOB, t LONGTEXT, a TEXT)");
                }
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?, ?)")) {
                    insert.setInt(1, 1);
                    insert.setBinaryStream(2, new ByteArrayInputStream(blob));
                    insert.setCharacterStream(3, new StringReader(text));
                    insert.setAsciiStream(4, new ByteArrayInputStream("ascii".getBytes(StandardCharsets.US_ASCII)));
                    insert.executeUpdate();
                    // the same statement again: long data was used by the first execution only
                    insert.setInt(1, 2);
                    insert.setBlob(2, new ByteArrayInputStream(new byte[] {1, 2, 3}));
                    insert.setString(3, "inline");
                    insert.setNull(4, Types.VARCHAR);
                    insert.executeUpdate();
                    insert.setInt(1, 3);
                    insert.setBytes(2, new byte[0]);
                    insert.setClob(3, new StringReader(""));
                    insert.setCharacterStream(4, new StringReader("x".repeat(70_000)));
                    assertEquals(TypedRows.outcome(insert).substring(0, 11), "error 1406 ", "TEXT is 65535 bytes at most");
                }
            }
            try (PreparedStatement ps = p.prepareStatement("SELECT * FROM long_p ORDER BY id");
                 PreparedStatement ds = d.prepareStatement("SELECT * FROM long_d ORDER BY id");
                 ResultSet actual = ps.executeQuery(); ResultSet expected = ds.executeQuery()) {
                assertSameResults(expected, actual, "long data");
            }
            try (Statement s = d.createStatement(); ResultSet rs = s.executeQuery("SELECT b, t FROM long_p WHERE id = 1")) {
                rs.next();
                assertArrayEquals(blob, rs.getBytes(1));
                assertEquals(text, rs.getString(2));
            }
        }
    }

    @Test
    void batchesGiveTheSameCountsAndRows() throws SQLException {
        try (Connection p = viaProxy(""); Connection d = direct("")) {
            for (Connection c : List.of(p, d)) {
                String table = c == p ? "batch_p" : "batch_d";
                try (Statement s = c.createStatement()) {
                    s.execute("DROP TABLE IF EXISTS " + table);
                    s.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, v VARCHAR(20), n DECIMAL(10,2))");
                }
            }
            List<int[]> counts = new ArrayList<>();
            for (Connection c : List.of(d, p)) {
                String table = c == p ? "batch_p" : "batch_d";
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?)"
                        + " ON DUPLICATE KEY UPDATE v = VALUES(v)")) {
                    for (int i = 0; i < 300; i++) {
                        insert.setInt(1, i % 250);
                        insert.setString(2, i % 7 == 0 ? null : "v" + i);
                        insert.setBigDecimal(3, BigDecimal.valueOf(i, 2));
                        insert.addBatch();
                    }
                    counts.add(insert.executeBatch());
                }
            }
            assertArrayEquals(counts.get(0), counts.get(1), "update counts");
            assertSameAnswers(d, "SELECT * FROM batch_d ORDER BY id", "SELECT * FROM batch_p ORDER BY id");
        }
    }

    /**
     * Only the text of expressions over parameters is compared: the proxy substitutes literals, and a literal
     * has its own type (7 + 1 is an INT, a bound 7 + 1 a BIGINT on MariaDB), see the README's Limitations.
     */
    @Test
    void reExecutionWithOtherTypesRebindsThem() throws SQLException {
        String sql = "SELECT ? AS v, CONCAT('<', ?, '>') AS c, ? + 1 AS n";
        Object[] values = {7, "text", 2.5, null, new BigDecimal("-1.25"), LocalDate.of(2024, 2, 29),
            LocalDateTime.of(2024, 1, 2, 3, 4, 5), LocalTime.of(10, 11, 12), new byte[] {65, 66}, true,
            Long.MIN_VALUE, (short) 3, (byte) -4, 0.1f, "it's \\ 'quoted'", "😀"};
        try (Connection p = viaProxy(""); Connection d = direct("");
             PreparedStatement ps = p.prepareStatement(sql); PreparedStatement ds = d.prepareStatement(sql)) {
            for (Object value : values) {
                for (PreparedStatement statement : List.of(ps, ds)) {
                    for (int i = 1; i <= 3; i++) {
                        statement.setObject(i, value);
                    }
                }
                try (ResultSet actual = ps.executeQuery(); ResultSet expected = ds.executeQuery()) {
                    ResultSets.assertSameLines(ResultSets.strings(expected), ResultSets.strings(actual),
                            "values bound as " + ResultSets.show(value));
                }
            }
        }
    }

    @Test
    void generatedKeysAndLastInsertId() throws SQLException {
        try (Connection p = viaProxy(""); Connection d = direct("")) {
            List<List<Long>> keys = new ArrayList<>();
            for (Connection c : List.of(d, p)) {
                String table = c == p ? "keys_p" : "keys_d";
                try (Statement s = c.createStatement()) {
                    s.execute("DROP TABLE IF EXISTS " + table);
                    s.execute("CREATE TABLE " + table + " (id BIGINT AUTO_INCREMENT PRIMARY KEY, v INT)");
                }
                List<Long> got = new ArrayList<>();
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " (v) VALUES (?), (?)",
                        Statement.RETURN_GENERATED_KEYS);
                     PreparedStatement last = c.prepareStatement("SELECT LAST_INSERT_ID()")) {
                    for (int i = 0; i < 3; i++) {
                        insert.setInt(1, i);
                        insert.setInt(2, -i);
                        got.add((long) insert.executeUpdate());
                        try (ResultSet rs = insert.getGeneratedKeys()) {
                            while (rs.next()) {
                                got.add(rs.getLong(1));
                            }
                        }
                        try (ResultSet rs = last.executeQuery()) {
                            rs.next();
                            got.add(rs.getLong(1));
                        }
                    }
                }
                keys.add(got);
            }
            assertEquals(keys.get(0), keys.get(1));
        }
    }

    /** useCursorFetch asks COM_STMT_EXECUTE for a cursor and reads the rows with COM_STMT_FETCH, 100 at a time. */
    @Test
    void cursorFetchReadsEveryRow() throws SQLException {
        try (Connection d = direct(""); Statement s = d.createStatement()) {
            s.execute("DROP TABLE IF EXISTS many");
            s.execute("CREATE TABLE many (id INT PRIMARY KEY, v VARCHAR(30))");
            s.execute("INSERT INTO many SELECT seq, CONCAT('row ', seq) FROM seq_1_to_10000");
        }
        for (String extra : List.of("useCursorFetch=true", "useCursorFetch=true&useServerPrepStmts=false")) {
            try (Connection p = viaProxy(extra); Connection d = direct(extra);
                 PreparedStatement ps = p.prepareStatement("SELECT id, v FROM many WHERE id > ? ORDER BY id");
                 PreparedStatement ds = d.prepareStatement("SELECT id, v FROM many WHERE id > ? ORDER BY id")) {
                ps.setFetchSize(100);
                ds.setFetchSize(100);
                for (PreparedStatement statement : List.of(ps, ds)) {
                    statement.setInt(1, 0);
                }
                List<String> expected = new ArrayList<>();
                List<String> actual = new ArrayList<>();
                try (ResultSet rs = ds.executeQuery()) {
                    while (rs.next()) {
                        expected.add(rs.getInt(1) + "|" + rs.getString(2));
                    }
                }
                try (ResultSet rs = ps.executeQuery()) {
                    assertInstanceOf(ResultsetRowsCursor.class, rs.unwrap(ResultSetImpl.class).getRows(),
                            "the driver reads through a server-side cursor");
                    while (rs.next()) {
                        actual.add(rs.getInt(1) + "|" + rs.getString(2));
                    }
                }
                assertEquals(10_000, expected.size());
                ResultSets.assertSameLines(expected, actual, extra);
                // the connection is still in step: the next statement gets its own answer
                ps.setInt(1, 9_998);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(9_999, rs.getInt(1));
                }
            }
        }
    }

    @Test
    void prepareErrorsAreTheBackendsErrors() throws SQLException {
        String extra = "emulateUnsupportedPstmts=false&cachePrepStmts=false";
        for (String sql : List.of("SELEC 1", "SELECT * FROM no_such_table WHERE id = ?", "SELECT no_such_column FROM many",
                "SELECT 1; SELECT 2", "INSERT INTO many VALUES (?)", "")) {
            String expected;
            String actual;
            // Connector/J fails closing a connection whose server-side prepare failed; abort skips that
            Connection d = direct(extra);
            try {
                expected = prepareOutcome(d, sql);
            } finally {
                d.abort(Runnable::run);
            }
            Connection p = viaProxy(extra);
            try {
                actual = prepareOutcome(p, sql);
                // the session goes on after a failed prepare
                try (PreparedStatement ok = p.prepareStatement("SELECT ?")) {
                    ok.setInt(1, 5);
                    try (ResultSet rs = ok.executeQuery()) {
                        assertTrue(rs.next());
                        assertEquals(5, rs.getInt(1));
                    }
                }
            } finally {
                p.abort(Runnable::run);
            }
            assertEquals(expected, actual, sql);
        }
    }

    private static String prepareOutcome(Connection c, String sql) {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            return "prepared, " + ps.getParameterMetaData().getParameterCount() + " parameters";
        } catch (SQLException e) {
            return "error " + e.getErrorCode() + " " + e.getSQLState() + " " + e.getMessage();
        } catch (RuntimeException e) {
            // Connector/J fails on an empty statement by itself, whoever the server is
            return "driver failure " + e.getClass().getSimpleName();
        }
    }

    /** Transaction statements prepared: the proxy handles them as it does text queries. */
    @Test
    void transactionStatementsCanBePrepared() throws SQLException {
        try (Connection p = viaProxy("")) {
            try (Statement s = p.createStatement()) {
                s.execute("DROP TABLE IF EXISTS tx");
                s.execute("CREATE TABLE tx (id INT PRIMARY KEY)");
            }
            try (PreparedStatement begin = p.prepareStatement("BEGIN");
                 PreparedStatement insert = p.prepareStatement("INSERT INTO tx VALUES (?)");
                 PreparedStatement rollback = p.prepareStatement("ROLLBACK");
                 PreparedStatement commit = p.prepareStatement("COMMIT");
                 PreparedStatement count = p.prepareStatement("SELECT COUNT(*) FROM tx")) {
                begin.execute();
                insert.setInt(1, 1);
                insert.execute();
                rollback.execute();
                assertEquals(0, single(count), "the insert was rolled back");
                begin.execute();
                insert.setInt(1, 2);
                insert.execute();
                commit.execute();
                assertEquals(1, single(count), "the insert was committed");
            }
        }
    }

    /** Session and SHOW statements prepared, including one the proxy answers itself. */
    @Test
    void sessionAndShowStatementsCanBePrepared() throws SQLException {
        try (Connection p = viaProxy("");
             PreparedStatement set = p.prepareStatement("SET @v = ?");
             PreparedStatement get = p.prepareStatement("SELECT @v");
             PreparedStatement use = p.prepareStatement("USE " + DB);
             PreparedStatement showTables = p.prepareStatement("SHOW TABLES");
             PreparedStatement processlist = p.prepareStatement("SHOW PROCESSLIST")) {
            set.setString(1, "kept ' on the session");
            set.execute();
            try (ResultSet rs = get.executeQuery()) {
                assertTrue(rs.next());
                assertEquals("kept ' on the session", rs.getString(1));
            }
            use.execute();
            try (Connection d = direct(""); PreparedStatement direct = d.prepareStatement("SHOW TABLES");
                 ResultSet expected = direct.executeQuery(); ResultSet actual = showTables.executeQuery()) {
                assertSameResults(expected, actual, "SHOW TABLES");
            }
            try (ResultSet rs = processlist.executeQuery()) {
                assertTrue(rs.next(), "SHOW PROCESSLIST, answered by the proxy, in binary rows");
                assertTrue(rs.getLong("Id") > 0);
            }
        }
    }

    private static int single(PreparedStatement query) throws SQLException {
        try (ResultSet rs = query.executeQuery()) {
            assertTrue(rs.next());
            return rs.getInt(1);
        }
    }

    @Test
    void aSessionMayHoldOnlySoManyStatements() throws SQLException {
        List<PreparedStatement> held = new ArrayList<>();
        try (Connection p = viaProxy("emulateUnsupportedPstmts=false&cachePrepStmts=false")) {
            // SET statements are prepared without a backend round trip: quick to hold many
            for (int i = 0; i < PreparedStatementCommands.DEFAULT_MAX_PER_SESSION; i++) {
                held.add(p.prepareStatement("SET @a = ?"));
            }
            SQLException e = assertThrows(SQLException.class, () -> p.prepareStatement("SET @b = ?"));
            assertEquals(1461, e.getErrorCode());
            assertEquals("42000", e.getSQLState());
            held.remove(0).close();
            try (PreparedStatement again = p.prepareStatement("SELECT ?")) {
                again.setInt(1, 1);
                try (ResultSet rs = again.executeQuery()) {
                    assertTrue(rs.next());
                }
            }
        }
    }

    /** Runs {@code sql} through the proxy and directly with the same bindings; results must be identical. */
    private static void assertSameAnswers(String sql, Binder binder, String what) throws SQLException {
        try (Connection p = viaProxy(""); Connection d = direct("");
             PreparedStatement ps = p.prepareStatement(sql); PreparedStatement ds = d.prepareStatement(sql)) {
            binder.bind(ps);
            binder.bind(ds);
            try (ResultSet actual = ps.executeQuery(); ResultSet expected = ds.executeQuery()) {
                assertSameResults(expected, actual, what);
            }
        }
    }

    private static void assertSameAnswers(Connection direct, String expectedSql, String actualSql) throws SQLException {
        try (Statement s = direct.createStatement(); ResultSet expected = s.executeQuery(expectedSql);
             Statement s2 = direct.createStatement(); ResultSet actual = s2.executeQuery(actualSql)) {
            assertSameResults(expected, actual, actualSql);
        }
    }

    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }
}
