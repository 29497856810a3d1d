package io.shardwire.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.shardwire.embedded.MariaDbCluster;
import io.shardwire.it.harness.MariaDbBackends;
import io.shardwire.it.harness.ProxyUnderTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

@MariaDbBackends(count = 3)
class SmokeTest {

    @Test
    void selectsThroughTheProxy(MariaDbCluster cluster) throws Exception {
        try (ProxyUnderTest proxy = ProxyUnderTest.start(cluster, "smoke");
             Connection c = proxy.connect("smoke");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS t (id INT PRIMARY KEY, v VARCHAR(10))");
            s.execute("REPLACE INTO t VALUES (1, 'a'), (2, 'b')");
            try (ResultSet rs = s.executeQuery("SELECT v FROM t ORDER BY id")) {
                rs.next();
                assertEquals("a", rs.getString(1));
                rs.next();
                assertEquals("b", rs.getString(1));
            }
            s.execute("DROP TABLE t");
        }
    }
}
