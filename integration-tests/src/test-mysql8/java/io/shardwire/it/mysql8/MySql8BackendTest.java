package io.shardwire.it.mysql8;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shardwire.server.ShardwireServer;
import io.shardwire.shardmap.ConfigLoader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mysql.MySQLContainer;

/**
 * The proxy in front of a real MySQL 8 server (profile {@code mysql8}, Docker needed; skipped without it):
 * the announced version carries MySQL's own, and Connector/J's MySQL 8 code paths work through it.
 */
@Testcontainers(disabledWithoutDocker = true)
class MySql8BackendTest {

    @Container
    private static final MySQLContainer MYSQL = new MySQLContainer("mysql:8.4").withDatabaseName("shop")
            .withUsername("root").withPassword("root");

    @Test
    void passesStatementsThroughToMySql8() throws Exception {
        String yaml = """
                server: { port: 0, admin_port: -1, bind: 127.0.0.1, tls: { enabled: false } }
                users: [ { name: app, password: app } ]
                backends:
                  s0: { primary: "mysql://root:root@%s:%d" }
                databases:
                  shop: { default_shard: s0 }
                """.formatted(MYSQL.getHost(), MYSQL.getMappedPort(3306));
        try (ShardwireServer proxy = ShardwireServer.start(ConfigLoader.parse(yaml, "mysql8 test"));
             Connection c = DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + proxy.port()
                     + "/shop?sslMode=DISABLED&allowPublicKeyRetrieval=true", "app", "app");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY, v VARCHAR(10))");
            assertEquals(2, s.executeUpdate("INSERT INTO t VALUES (1, 'a'), (2, 'b')"));
            try (ResultSet rs = s.executeQuery("SELECT @@version, COUNT(*) FROM t")) {
                rs.next();
                assertTrue(rs.getString(1).startsWith("8."), rs.getString(1));
                assertEquals(2, rs.getInt(2));
            }
        }
    }
}
