package io.shardwire.it.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shardwire.embedded.MariaDbCluster;
import io.shardwire.it.harness.MariaDbBackends;
import io.shardwire.it.harness.ProxyUnderTest;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shard whose primary does not answer: /health says 503 and names it, SHOW SHARDS and SHOW BACKENDS say DOWN
 * for it and SERVING/UP for the other, and the proxy keeps serving the healthy shard.
 */
@MariaDbBackends(count = 2)
class ShardDownTest {

    @Test
    void healthAndShowStatementsNameTheFailingShard(MariaDbCluster cluster, @TempDir Path dir) throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort(); // free now, and nothing listens there once closed
        }
        String yaml = ProxyUnderTest.configYaml(cluster, 2, "downs", "backend_connect_timeout_ms: 500", "", "")
                .replace("127.0.0.1:" + cluster.server(1).port(), "127.0.0.1:" + deadPort);
        Path file = dir.resolve("down.yaml");
        Files.writeString(file, yaml);
        try (ProxyUnderTest proxy = ProxyUnderTest.startFromFile(file)) {
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + proxy.adminPort() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(503, health.statusCode(), health.body());
            assertTrue(health.body().contains("\"failing\":[\"s1\"]"), health.body());
            assertTrue(health.body().contains("\"s0\":\"UP\""), health.body());
            try (Connection c = DriverManager.getConnection(proxy.mysqlUrl("downs", ""), "app", "app");
                 Statement s = c.createStatement()) {
                Map<String, String> status = new HashMap<>();
                try (ResultSet rs = s.executeQuery("SHOW SHARDS")) {
                    while (rs.next()) {
                        status.put(rs.getString("shard"), rs.getString("status"));
                    }
                }
                assertEquals(Map.of("s0", "SERVING", "s1", "DOWN"), status);
                Map<String, String> state = new HashMap<>();
                try (ResultSet rs = s.executeQuery("SHOW BACKENDS")) {
                    while (rs.next()) {
                        state.put(rs.getString("shard"), rs.getString("state"));
                    }
                }
                assertEquals(Map.of("s0", "UP", "s1", "DOWN"), state);
                try (ResultSet rs = s.executeQuery("SELECT 1")) {
                    assertTrue(rs.next(), "the default shard s0 still answers");
                }
            }
        }
    }
}
