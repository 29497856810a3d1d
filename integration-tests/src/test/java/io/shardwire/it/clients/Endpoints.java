package io.shardwire.it.clients;

import io.shardwire.embedded.MariaDbCluster;
import io.shardwire.embedded.MariaDbServer;
import io.shardwire.it.harness.ProxyUnderTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

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
