package io.shardwire.server.demo;

import io.shardwire.embedded.MariaDbCluster;
import io.shardwire.embedded.MariaDbServer;
import io.shardwire.server.Main;
import io.shardwire.server.ShardwireServer;
import io.shardwire.shardmap.ConfigLoader;
import io.shardwire.shardmap.ShardwireConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code shardwire demo}: two embedded MariaDB backends, the sample {@code shop} schema, the proxy on 3307.
 * Ctrl-C stops the proxy and both servers.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start embedded MariaDB backends with a sample 'shop' schema and the proxy on port 3307.")
public final class Demo implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "3307", description = "MySQL protocol port (default: ${DEFAULT-VALUE})")
    private int port;

    @Option(names = "--admin-port", defaultValue = "9104", description = "HTTP admin port (default: ${DEFAULT-VALUE})")
    private int adminPort;

    @Option(names = "--data-dir", defaultValue = "target/demo", description = "where the backends keep their data")
    private Path dataDir;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(dataDir);
        System.out.println("shardwire demo: starting 2 MariaDB backends under " + dataDir.toAbsolutePath() + " ...");
        MariaDbCluster cluster = MariaDbCluster.start(dataDir.toAbsolutePath(), 2);
        ShardwireServer server = null;
        try {
            for (MariaDbServer backend : cluster.servers()) {
                SampleSchema.createDatabase(backend);
            }
            // written to a file, so that RELOAD CONFIG (and SIGHUP) can be tried on the demo too
            Path configFile = dataDir.toAbsolutePath().resolve("shardwire-demo.yaml");
            Files.writeString(configFile, configYaml(cluster));
            ShardwireConfig config = ConfigLoader.load(configFile);
            server = ShardwireServer.start(config, java.util.Optional.of(configFile));
            SampleSchema.load(server.port());
        } catch (Exception e) {
            if (server != null) {
                server.close();
            }
            cluster.close();
            throw e;
        }
        System.out.println();
        System.out.println("shardwire demo is running. Connect with:");
        System.out.println("  mariadb -h127.0.0.1 -P" + server.port() + " -uapp -papp shop");
        System.out.println("As an operator (RELOAD CONFIG, RESET QUERY DIGESTS): the same with -uadmin -padmin; try"
                + " SHOW SHARDS, SHOW SHARD FOR customers KEY 42, EXPLAIN ROUTE <statement>, SHOW QUERY DIGESTS.");
        System.out.println("Configuration: " + dataDir.toAbsolutePath().resolve("shardwire-demo.yaml"));
        System.out.println("Metrics: http://127.0.0.1:" + server.adminPort() + "/metrics   Ctrl-C stops everything.");
        ShardwireServer running = server;
        Main.runUntilStopped(() -> {
            running.close();
            cluster.close();
        });
        return 0;
    }

    private String configYaml(MariaDbCluster cluster) {
        return """
                server:
                  port: %d
                  admin_port: %d
                users:
                  - { name: app, password: app }
                  - { name: admin, password: admin, admin: true }
                backends:
                  s0:
                    primary: mysql://root:@127.0.0.1:%d
                  s1:
                    primary: mysql://root:@127.0.0.1:%d
                databases:
                  shop:
                    default_shard: s0
                    tables:
                      customers: { shard_by: hash, key: id }
                      orders:    { shard_by: hash, key: customer_id }
                      events:
                        shard_by: range
                        key: created_at
                        ranges:
                          - { below: "2026-01-01", shard: s0 }
                          - { shard: s1 }
                      countries: { shard_by: broadcast }
                """.formatted(port, adminPort, cluster.server(0).port(), cluster.server(1).port());
    }

    /**
     * The sample schema: the logical database exists on every backend; tables and rows are created through
     * the proxy, so sharded rows land on their shards and broadcast rows on every shard.
     */
    static final class SampleSchema {
        private SampleSchema() {
        }

        static void createDatabase(MariaDbServer backend) throws Exception {
            try (Connection c = DriverManager.getConnection(backend.jdbcUrl(""), "root", "");
                 Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE IF NOT EXISTS shop");
            }
        }

        static void load(int proxyPort) throws Exception {
            String url = "jdbc:mysql://127.0.0.1:" + proxyPort + "/shop?sslMode=DISABLED&allowPublicKeyRetrieval=true";
            try (Connection c = DriverManager.getConnection(url, "app", "app");
                 Statement s = c.createStatement()) {
                s.execute("CREATE TABLE IF NOT EXISTS countries (code CHAR(2) PRIMARY KEY, name VARCHAR(64) NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS customers (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL,"
                        + " country CHAR(2), created_at DATETIME NOT NULL)");
                s.execute("CREATE TABLE IF NOT EXISTS orders (id BIGINT NOT NULL, customer_id BIGINT NOT NULL,"
                        + " amount DECIMAL(10,2) NOT NULL, created_at DATETIME NOT NULL, PRIMARY KEY (customer_id, id))");
                s.execute("CREATE TABLE IF NOT EXISTS events (id BIGINT NOT NULL, created_at DATE NOT NULL,"
                        + " kind VARCHAR(32) NOT NULL, customer_id BIGINT, PRIMARY KEY (created_at, id))");
                s.execute("INSERT IGNORE INTO countries VALUES ('DE','Germany'),('FR','France'),('JP','Japan'),('US','United States')");
                s.execute("INSERT IGNORE INTO customers VALUES (1,'Ada','DE','2025-03-01 10:00:00'),(2,'Brian','US','2025-06-11 09:30:00'),"
                        + "(3,'Chiyo','JP','2025-11-20 18:45:00'),(4,'Denis','FR','2026-01-05 08:15:00')");
                s.execute("INSERT IGNORE INTO orders VALUES (1,1,19.99,'2025-03-02 11:00:00'),(2,1,5.00,'2025-04-01 12:00:00'),"
                        + "(3,2,120.50,'2025-06-12 10:00:00'),(4,3,42.00,'2025-12-24 20:00:00'),(5,4,7.25,'2026-01-06 09:00:00')");
                s.execute("INSERT IGNORE INTO events VALUES (1,'2025-12-31','signup',3),(2,'2026-01-05','signup',4),"
                        + "(3,'2026-02-14','login',1)");
            }
        }
    }
}
