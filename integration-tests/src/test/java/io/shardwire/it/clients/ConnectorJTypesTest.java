package io.shardwire.it.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.shardwire.embedded.MariaDbCluster;
import io.shardwire.it.harness.MariaDbBackends;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every common column type through the proxy with MySQL Connector/J: values written through the proxy are stored
 * exactly as when written directly, and reading them through the proxy gives the same ResultSetMetaData and the
 * same getString / getBytes / getObject results as reading them directly, row by row.
 */
@MariaDbBackends(count = 3)
class ConnectorJTypesTest {
    private static final String SELECT = "SELECT id, " + TypeFixtures.COLUMNS + " FROM %s ORDER BY id";
    private static Endpoints db;

    @BeforeAll
    static void start(MariaDbCluster cluster) throws Exception {
        db = Endpoints.start(cluster, "it_cj_types");
        try (Connection c = db.proxyCj("")) {
            TypeFixtures.fill(c, "types_proxy");
        }
        try (Connection c = db.directCj("")) {
            TypeFixtures.fill(c, "types_direct");
        }
    }

    @AfterAll
    static void stop() throws SQLException {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void valuesWrittenThroughTheProxyAreStoredAsWrittenDirectly() throws SQLException {
        try (Connection c = db.directCj(""); Statement s = c.createStatement()) {
            s.execute("SET time_zone = '+00:00'");
            List<String> direct;
            try (ResultSet rs = s.executeQuery(SELECT.formatted("types_direct"))) {
                direct = DriverView.values(rs);
            }
            try (ResultSet rs = s.executeQuery(SELECT.formatted("types_proxy"))) {
                assertRowsEqual(direct, DriverView.values(rs), "stored through the proxy vs stored directly");
            }
        }
    }

    @ParameterizedTest(name = "[{index}] URL parameters ''{0}''")
    @ValueSource(strings = {"", "zeroDateTimeBehavior=CONVERT_TO_NULL&tinyInt1isBit=false&yearIsDateType=false"
            + "&transformedBitIsBoolean=true", "characterEncoding=latin1&characterSetResults=UTF-8"})
    void metadataAndValuesThroughTheProxyEqualDirect(String params) throws SQLException {
        assertSameRead(params, SELECT.formatted("types_proxy"));
    }

    /** Computed columns, aliases and table aliases: names, labels and types the server derives. */
    @Test
    void expressionColumnsAndAliasesEqualDirect() throws SQLException {
        assertSameRead("", "SELECT 1, -1, 'a', NULL, 1.5, 1e0, NOW(6) > '2000-01-01', CAST(1 AS UNSIGNED),"
                + " CAST('2024-01-01' AS DATE), CAST(1.5 AS DECIMAL(10, 3)), COUNT(*), SUM(t.i), MAX(t.vc),"
                + " GROUP_CONCAT(t.id ORDER BY t.id), t.id AS alias_id, t.vc AS \"label with space\", t.biu + 0,"
                + " CONCAT(t.latin, t.vc), HEX(t.vbn) AS hex, t.b64 + 0, ST_AsText(t.geo), JSON_EXTRACT(t.js, '$.a')"
                + " FROM types_proxy t WHERE t.id IN (2, 3) GROUP BY t.id ORDER BY t.id");
        assertSameRead("", "SELECT * FROM (SELECT id, vc FROM types_proxy) AS derived UNION ALL SELECT 0, 'u'");
        assertSameRead("", "SHOW FULL COLUMNS FROM types_proxy");
        assertSameRead("", "SELECT * FROM information_schema.columns WHERE table_schema = DATABASE()"
                + " AND table_name = 'types_proxy' ORDER BY ordinal_position");
    }

    private static void assertSameRead(String params, String sql) throws SQLException {
        List<String> directMeta;
        List<String> directValues;
        try (Connection c = db.directCj(params); Statement s = c.createStatement()) {
            s.execute("SET time_zone = '+00:00'");
            try (ResultSet rs = s.executeQuery(sql)) {
                directMeta = DriverView.metadata(rs.getMetaData());
                directValues = DriverView.values(rs);
            }
        }
        try (Connection c = db.proxyCj(params); Statement s = c.createStatement()) {
            s.execute("SET time_zone = '+00:00'");
            try (ResultSet rs = s.executeQuery(sql)) {
                assertRowsEqual(directMeta, DriverView.metadata(rs.getMetaData()), "metadata of " + sql);
                assertRowsEqual(directValues, DriverView.values(rs), "values of " + sql);
            }
        }
    }

    /** Row by row, so that a difference names its row and column instead of printing both tables whole. */
    static void assertRowsEqual(List<String> expected, List<String> actual, String what) {
        List<String> diffs = new java.util.ArrayList<>();
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                diffs.add("row " + (i + 1) + "\n  direct: " + expected.get(i) + "\n  proxy:  " + actual.get(i));
            }
        }
        assertEquals(List.of(), diffs, what);
        assertEquals(expected.size(), actual.size(), what + ": row count");
    }
}
