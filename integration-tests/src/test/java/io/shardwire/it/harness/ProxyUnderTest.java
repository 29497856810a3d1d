package io.shardwire.it.harness;

import java.nio.file.Path;
import java.util.Optional;

import io.shardwire.embedded.MariaDbCluster;
import io.shardwire.embedded.MariaDbServer;
import io.shardwire.server.ShardwireServer;
import io.shardwire.shardmap.ConfigLoader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real shardwire proxy in this JVM, on free ports, in front of real MariaDB backends. Users: {@code app/app}
 * (mysql_native_password) and {@code admin/admin} (admin). The logical database is created on every backend.
 */
public final class ProxyUnderTest implements AutoCloseable {
    private final ShardwireServer server;

    private ProxyUnderTest(ShardwireServer server) {
        this.server = server;
    }

    /** A proxy over the cluster's first {@code shards} servers; {@code extraServerYaml} is added under {@code server:}. */
    public static ProxyUnderTest start(MariaDbCluster cluster, int shards, String database, String extraServerYaml)
            throws Exception {
        return start(cluster, shards, database, extraServerYaml, "");
    }

    /**
     * As {@link #start(MariaDbCluster, int, String, String)}, with {@code tablesYaml} (entries such as
     * {@code customers: { shard_by: hash, key: id }}, one per line, nested lines indented) as the database's
     * {@code tables:}; empty for none. Shards are named {@code s0}, {@code s1}... in cluster order.
     */
    public static ProxyUnderTest start(MariaDbCluster cluster, int shards, String database, String extraServerYaml,
            String tablesYaml) throws Exception {
        return start(cluster, shards, database, extraServerYaml, tablesYaml, "");
    }

    /**
     * As {@link #start(MariaDbCluster, int, String, String, String)}, with more accounts after app and admin:
     * {@code extraUsersYaml} has one user per line, such as
     * {@code { name: sha, password: sha, auth_plugin: caching_sha2_password }}.
     */
    public static ProxyUnderTest start(MariaDbCluster cluster, int shards, String database, String extraServerYaml,
            String tablesYaml, String extraUsersYaml) throws Exception {
        String yaml = configYaml(cluster, shards, database, extraServerYaml, tablesYaml, extraUsersYaml);
        return new ProxyUnderTest(ShardwireServer.start(ConfigLoader.parse(yaml, "test configuration")));
    }

    /** A proxy started from a configuration file, as {@code shardwire --config FILE} does: RELOAD CONFIG re-reads it. */
    public static ProxyUnderTest startFromFile(Path file) throws Exception {
        return new ProxyUnderTest(ShardwireServer.start(ConfigLoader.load(file), Optional.of(file)));
    }

    /** The configuration text {@link #start(MariaDbCluster, int, String, String, String, String)} runs on. */
    public static String configYaml(MariaDbCluster cluster, int shards, String database, String extraServerYaml,
            String tablesYaml, String extraUsersYaml) throws SQLException {
        StringBuilder yaml = new StringBuilder("server:\n  port: 0\n  admin_port: 0\n  bind: 127.0.0.1\n");
        for (String line : extraServerYaml.split("\n")) {
            if (!line.isBlank()) {
                yaml.append("  ").append(line).append('\n');
            }
        }
        yaml.append("users:\n  - { name: app, password: app }\n  - { name: admin, password: admin, admin: true }\n");
        for (String line : extraUsersYaml.split("\n")) {
            if (!line.isBlank()) {
                yaml.append("  - ").append(line.strip()).append('\n');
            }
        }
        yaml.append("backends:\n");
        for (int i = 0; i < shards; i++) {
            MariaDbServer backend = cluster.server(i);
            createDatabase(backend, database);
            yaml.append("  s").append(i).append(":\n    primary: mysql://root:@127.0.0.1:").append(backend.port()).append('\n');
        }
        yaml.append("databases:\n  ").append(database).append(":\n    default_shard: s0\n");
        if (!tablesYaml.isBlank()) {
            yaml.append("    tables:\n");
            for (String line : tablesYaml.split("\n")) {
                if (!line.isBlank()) {
                    yaml.append("      ").append(line).append('\n');
                }
            }
        }
        return yaml.toString();
    }

    public static ProxyUnderTest start(MariaDbCluster cluster, String database) throws Exception {
        return start(cluster, 1, database, "");
    }

    public int port() {
        return server.port();
    }

    public int adminPort() {
        return server.adminPort();
    }

    public ShardwireServer server() {
        return server;
    }

    /** A MySQL Connector/J URL through the proxy (text protocol, no TLS). */
    public String mysqlUrl(String database, String extraParams) {
        return "jdbc:mysql://127.0.0.1:" + port() + "/" + database + "?sslMode=DISABLED&allowPublicKeyRetrieval=true"
                + (extraParams.isEmpty() ? "" : "&" + extraParams);
    }

    /** A MariaDB Connector/J URL through the proxy. */
    public String mariadbUrl(String database, String extraParams) {
        return "jdbc:mariadb://127.0.0.1:" + port() + "/" + database + "?sslMode=disable"
                + (extraParams.isEmpty() ? "" : "&" + extraParams);
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(mysqlUrl(database, ""), "app", "app");
    }

    private static void createDatabase(MariaDbServer backend, String database) throws SQLException {
        try (Connection c = DriverManager.getConnection(backend.jdbcUrl(""), "root", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS `" + database + "`");
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
