package io.shardwire.it.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.shardwire.embedded.MariaDbCluster;
import io.shardwire.embedded.MariaDbServer;
import io.shardwire.it.harness.ProxyUnderTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * One logical database reached two ways: through a proxy (as {@code app/app}) and directly on the backend that
 * holds it (as root). Client tests run the same statements both ways and compare what the driver sees, so the
 * backend is the oracle and no expected result is hard-coded.
 *
 * <p>Immutable; one per test class, which owns the proxy and closes it.
 */
record Endpoints(ProxyUnderTest proxy, MariaDbServer backend, String database) implements AutoCloseable {

    /** Starts a proxy over the cluster's first server; {@code extraServerYaml} goes under {@code server:}. */
    static Endpoints start(MariaDbCluster cluster, String database, String extraServerYaml) throws Exception {
        return new Endpoints(ProxyUnderTest.start(cluster, 1, database, extraServerYaml), cluster.server(0), database);
    }

    /** As {@link #start(MariaDbCluster, String, String)}, with more accounts ({@code extraUsersYaml}, one a line). */
    static Endpoints start(MariaDbCluster cluster, String database, String extraServerYaml, String extraUsersYaml)
            throws Exception {
        return new Endpoints(ProxyUnderTest.start(cluster, 1, database, extraServerYaml, "", extraUsersYaml),
                cluster.server(0), database);
    }

    static Endpoints start(MariaDbCluster cluster, String database) throws Exception {
        return start(cluster, database, "");
    }

    int proxyPort() {
        return proxy.port();
    }

    /** Connector/J through the proxy, text protocol, no TLS; {@code params} are extra URL parameters. */
    Connection proxyCj(String params) throws SQLException {
        return DriverManager.getConnection(proxy.mysqlUrl(database, params), "app", "app");
    }

    /** Connector/J straight to the backend with the same URL parameters as {@link #proxyCj}. */
    Connection directCj(String params) throws SQLException {
        String url = "jdbc:mysql://127.0.0.1:" + backend.port() + "/" + database
                + "?sslMode=DISABLED&allowPublicKeyRetrieval=true" + (params.isEmpty() ? "" : "&" + params);
        return DriverManager.getConnection(url, "root", "");
    }

    /** MariaDB Connector/J through the proxy, no TLS. */
    Connection proxyMariaDb(String params) throws SQLException {
        return DriverManager.getConnection(proxy.mariadbUrl(database, params), "app", "app");
    }

    /** MariaDB Connector/J straight to the backend with the same URL parameters as {@link #proxyMariaDb}. */
    Connection directMariaDb(String params) throws SQLException {
        String url = "jdbc:mariadb://127.0.0.1:" + backend.port() + "/" + database + "?sslMode=disable"
                + (params.isEmpty() ? "" : "&" + params);
        return DriverManager.getConnection(url, "root", "");
    }

    /** A scenario that works on its own table, so that the proxy's run and the direct run do not meet. */
    interface Scenario {
        List<String> run(Connection connection, String table) throws SQLException;
    }

    /** Runs {@code scenario} with Connector/J directly, then through the proxy; both must see the same. */
    void assertSameWithConnectorJ(String params, Scenario scenario, String table) throws SQLException {
        List<String> direct;
        try (Connection c = directCj(params)) {
            direct = scenario.run(c, table + "_direct");
        }
        try (Connection c = proxyCj(params)) {
            assertEquals(direct, scenario.run(c, table + "_proxy"),
                    "Connector/J through the proxy vs directly, URL parameters '" + params + "'");
        }
    }

    /** Runs {@code scenario} with MariaDB Connector/J directly, then through the proxy; both must see the same. */
    void assertSameWithMariaDbJ(String params, Scenario scenario, String table) throws SQLException {
        List<String> direct;
        try (Connection c = directMariaDb(params)) {
            direct = scenario.run(c, table + "_direct");
        }
        try (Connection c = proxyMariaDb(params)) {
            assertEquals(direct, scenario.run(c, table + "_proxy"),
                    "MariaDB Connector/J through the proxy vs directly, URL parameters '" + params + "'");
        }
    }

    /** Drops the database on the backend (the cluster is shared with other test classes) and stops the proxy. */
    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection(backend.jdbcUrl(""), "root", "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS `" + database + "`");
        } finally {
            proxy.close();
        }
    }
}
