package io.shardwire.it.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shardwire.embedded.MariaDbCluster;
import io.shardwire.it.harness.MariaDbBackends;
import io.shardwire.it.harness.ProxyUnderTest;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logging in with a database, and USE of one, ask no backend: with the default shard down a client that names its
 * database logs in at once and reaches the shards that are up (before, the login waited 5 s on the default shard's
 * pool and failed with 1105). A raw client, as the mariadb CLI in batch mode: it sends nothing else at connect, where
 * drivers still read server variables from the default shard (issue 10).
 */
@MariaDbBackends(count = 2)
class DefaultShardDownTest {

    @Test
    void aLoginWithADatabaseNeedsNoBackend(MariaDbCluster cluster, @TempDir Path dir) throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0)) {
            deadPort = s.getLocalPort(); // free now, and nothing listens there once closed
        }
        String yaml = ProxyUnderTest.configYaml(cluster, 2, "downs", "tls: { enabled: false }", "", "")
                .replace("127.0.0.1:" + cluster.server(0).port(), "127.0.0.1:" + deadPort)
                + "  downs_s1:\n    default_shard: s1\n";
        try (Connection root = DriverManager.getConnection(cluster.server(1).jdbcUrl(""), "root", "");
             Statement s = root.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS downs_s1");
            s.execute("CREATE TABLE IF NOT EXISTS downs_s1.t (id INT PRIMARY KEY)");
            s.execute("REPLACE INTO downs_s1.t VALUES (1), (2)");
        }
        Path file = dir.resolve("default-down.yaml");
        Files.writeString(file, yaml);
        try (ProxyUnderTest proxy = ProxyUnderTest.startFromFile(file)) {
            long start = System.nanoTime();
            try (RawClient client = RawClient.login(proxy.port(), "app", "app", "downs")) {
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(millis < 2000, "logged in with the default shard down in " + millis + " ms");
                assertTrue(client.query("USE downs_s1").isOk());
                assertEquals("2", client.queryValue("SELECT COUNT(*) FROM t"), "the shard that is up serves");
            }
        }
    }
}
