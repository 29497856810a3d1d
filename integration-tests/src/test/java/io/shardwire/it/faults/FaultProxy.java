package io.shardwire.it.faults;

import io.shardwire.embedded.MariaDbServer;
import io.shardwire.server.ShardwireServer;
import io.shardwire.shardmap.ConfigLoader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real proxy in this JVM with one shard, {@code s0}, on a backend the test chooses (so tests that stop a
 * server can use one the other test classes use less). Users {@code app/app} and {@code admin/admin}.
 */
final class FaultProxy implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final ShardwireServer server;
    private final MariaDbServer backend;

    private FaultProxy(ShardwireServer server, MariaDbServer backend) {
        this.server = server;
        this.backend = backend;
    }

    /** {@code extraServerYaml}: lines added under {@code server:}, e.g. {@code "max_connections: 5"}. */
    static FaultProxy start(MariaDbServer backend, String database, String extraServerYaml) throws Exception {
        try (Connection root = rootConnection(backend); Statement s = root.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS `" + database + "`");
        }
        StringBuilder yaml = new StringBuilder("server:\n  port: 0\n  admin_port: 0\n  bind: 127.0.0.1\n");
        if (!extraServerYaml.contains("tls:")) {
            // these tests do not need TLS, and a self-signed certificate costs seconds (keytool) per proxy start
            yaml.append("  tls: { enabled: false }\n");
        }
        for (String line : extraServerYaml.split("\n")) {
            if (!line.isBlank()) {
                yaml.append("  ").append(line.strip()).append('\n');
            }
        }
        yaml.append("users:\n  - { name: app, password: app }\n  - { name: admin, password: admin, admin: true }\n")
                .append("backends:\n  s0:\n    primary: mysql://root:@127.0.0.1:").append(backend.port()).append('\n')
                .append("databases:\n  ").append(database).append(":\n    default_shard: s0\n");
        ShardwireServer server = ShardwireServer.start(ConfigLoader.parse(yaml.toString(), "fault test configuration"));
        // HikariCP sets the JVM-wide DriverManager login timeout to its connection timeout (1 s here): in a
        // separate proxy process that bounds only the proxy's backend logins, but in this JVM it would also cut
        // short the test's own client logins while the proxy waits on a stopped backend.
        DriverManager.setLoginTimeout(0);
        return new FaultProxy(server, backend);
    }

    int port() {
        return server.port();
    }

    ShardwireServer server() {
        return server;
    }

    String url(String database, String extraParams) {
        return "jdbc:mysql://127.0.0.1:" + port() + "/" + database + "?sslMode=DISABLED&allowPublicKeyRetrieval=true"
                + (extraParams.isEmpty() ? "" : "&" + extraParams);
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database, ""), "app", "app");
    }

    /** A gauge of the admin endpoint, e.g. {@code shardwire_backend_connections_active} of shard s0. */
    double shardGauge(String name) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.adminPort() + "/metrics"))
                .timeout(Duration.ofSeconds(5)).build();
        String body = HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{shard=\"s0\"\\} (\\S+)$").matcher(body);
        if (!m.find()) {
            throw new AssertionError(name + "{shard=\"s0\"} not in /metrics:\n" + body);
        }
        return Double.parseDouble(m.group(1));
    }

    int sessions() {
        return server.context().sessions().size();
    }

    /** Statements still running on the backend whose text starts with {@code prefix} (the proxy's, or anyone's). */
    int backendQueriesStartingWith(String prefix) throws SQLException {
        try (Connection root = rootConnection(backend); Statement s = root.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE '"
                     + prefix.replace("'", "''") + "%' AND ID <> CONNECTION_ID()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static Connection rootConnection(MariaDbServer backend) throws SQLException {
        return DriverManager.getConnection(backend.jdbcUrl("") + "?connectTimeout=3000", "root", "");
    }

    /** Polls {@code condition} every 50 ms; false if it did not hold within {@code timeout}. */
    static boolean eventually(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
