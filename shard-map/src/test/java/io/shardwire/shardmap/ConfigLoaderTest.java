package io.shardwire.shardmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {

    /** The example of CONTRACT.md, verbatim. */
    static final String CONTRACT_EXAMPLE = """
            server:
              port: 3307                       # MySQL protocol listener (0 = pick a free port; the chosen port is logged)
              admin_port: 9104                 # HTTP: GET /metrics (Prometheus text), GET /health
            users:
              - { name: app, password: app }   # accounts that clients log in with; `admin: true` allows operator statements
            backends:                          # one entry per shard: a primary and optional replicas
              s0:
                primary: mysql://root:@127.0.0.1:13306
                replicas: [ mysql://root:@127.0.0.1:13316 ]
              s1:
                primary: mysql://root:@127.0.0.1:13307
            databases:
              shop:                            # the logical schema clients USE; a schema of the same name exists on every backend
                default_shard: s0              # tables not listed below live only here
                tables:
                  customers: { shard_by: hash,  key: id }
                  orders:    { shard_by: hash,  key: customer_id }   # same hash on the same key type: co-located with customers
                  events:
                    shard_by: range
                    key: created_at
                    ranges:                                          # ordered; a range without `below` is the last (MAXVALUE)
                      - { below: "2026-01-01", shard: s0 }
                      - { shard: s1 }
                  countries: { shard_by: broadcast }                 # full copy on every shard; reads go to one, writes to all
            """;

    private static BackendAddress local(int port) {
        return new BackendAddress("root", "", "127.0.0.1", port, Map.of());
    }

    static ShardwireConfig expectedContractConfig(Path source) {
        List<String> both = List.of("s0", "s1");
        return new ShardwireConfig(ServerConfig.defaults(),
                List.of(new UserConfig("app", "app", false)),
                List.of(new BackendConfig("s0", local(13306), List.of(local(13316))), new BackendConfig("s1", local(13307), List.of())),
                List.of(new DatabaseConfig("shop", "s0", List.of(
                        new TableConfig.HashTable("customers", "id", KeyFunction.WHOLE, Optional.empty(), both, List.of()),
                        new TableConfig.HashTable("orders", "customer_id", KeyFunction.WHOLE, Optional.empty(), both, List.of()),
                        new TableConfig.RangeTable("events", "created_at", KeyFunction.WHOLE, Optional.empty(),
                                List.of(new RangeBound("2026-01-01", "s0"), new RangeBound(null, "s1"))),
                        new TableConfig.BroadcastTable("countries")))),
                source);
    }

    @Test
    void contractExampleRoundTrips() {
        assertEquals(expectedContractConfig(Path.of("contract")), ConfigLoader.parse(CONTRACT_EXAMPLE, "contract"));
    }

    @Test
    void confShardwireYamlIsTheContractExample() {
        Path file = Path.of("../conf/shardwire.yaml");
        assertEquals(expectedContractConfig(file), ConfigLoader.load(file));
    }

    private static final String MINIMAL_REST = """
            users: [ { name: app, password: app } ]
            backends: { s0: { primary: "mysql://127.0.0.1:1" }, s1: { primary: "mysql://127.0.0.1:2" } }
            databases: { shop: }
            """;

    @Test
    void everythingOptionalHasItsDefault() {
        ShardwireConfig c = ConfigLoader.parse(MINIMAL_REST, "min.yaml");
        assertEquals(ServerConfig.defaults(), c.server());
        assertEquals(new DatabaseConfig("shop", "s0", List.of()), c.databases().getFirst());
        assertEquals(new ServerConfig("0.0.0.0", 3307, 9104, 64L << 20, 1000, Optional.empty(), "-shardwire",
                new TlsConfig.SelfSigned(), 32, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30), Optional.empty(),
                Duration.ofSeconds(1), 0, 5, 20, Duration.ofSeconds(60), Duration.ofSeconds(5), 256L << 20,
                Duration.ofSeconds(30), 0), c.server());
    }

    @Test
    void everyServerKey() {
        ShardwireConfig c = ConfigLoader.parse("""
                server:
                  port: 0
                  admin_port: -1
                  bind: 127.0.0.1
                  max_allowed_packet: 16M
                  max_connections: 50
                  server_version: 10.11.19-MariaDB
                  version_suffix: ""
                  tls: { enabled: false }
                  backend_pool_size: 4
                  backend_connect_timeout_ms: 250
                  query_wait_timeout_ms: 1500
                  drain_timeout_ms: 100
                  slow_query_log: /var/log/shardwire-slow.log
                  slow_query_ms: 250
                  io_threads: 3
                  login_failures_before_delay: 3
                  login_block_after_failures: 0
                  login_block_seconds: 600
                  login_delay_max_ms: 2000
                  client_packet_budget: 64M
                  net_read_timeout_ms: 5000
                  statement_memory_budget: 100M
                """ + MINIMAL_REST, "all.yaml");
        assertEquals(new ServerConfig("127.0.0.1", 0, -1, 16L << 20, 50, Optional.of("10.11.19-MariaDB"), "",
                new TlsConfig.Disabled(), 4, Duration.ofMillis(250), Duration.ofMillis(1500), Duration.ofMillis(100),
                Optional.of(java.nio.file.Path.of("/var/log/shardwire-slow.log")), Duration.ofMillis(250), 3, 3, 0,
                Duration.ofSeconds(600), Duration.ofMillis(2000), 64L << 20, Duration.ofMillis(5000), 100L << 20), c.server());
        assertFalse(c.server().adminEnabled());
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1024      | 1024
            64M       | 67108864
            64MB      | 67108864
            64mib     | 67108864
            512K      | 524288
            1G        | 1073741824
            2048 b    | 2048
            """)
    void maxAllowedPacketSizes(String text, long bytes) {
        ShardwireConfig c = ConfigLoader.parse("server: { max_allowed_packet: " + text + " }\n" + MINIMAL_REST, "x.yaml");
        assertEquals(bytes, c.server().maxAllowedPacket());
    }

    @Test
    void tlsFilesResolveAgainstTheConfigDirectory(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("proxy.yaml");
        Files.writeString(file, "server: { tls: { cert: certs/proxy.pem, key: /etc/key.pem } }\n" + MINIMAL_REST);
        assertEquals(new TlsConfig.CertificateFiles(dir.resolve("certs/proxy.pem"), Path.of("/etc/key.pem")),
                ConfigLoader.load(file).server().tls());
        assertEquals(new TlsConfig.CertificateFiles(Path.of("certs/proxy.pem"), Path.of("/etc/key.pem")),
                ConfigLoader.parse(Files.readString(file), "inline").server().tls());
    }

    @Test
    void usersMayBeLimitedToDatabasesAndToReading() {
        ShardwireConfig c = ConfigLoader.parse("""
                users:
                  - { name: ro, password: r, read_only: true, databases: [ SHOP ] }
                  - { name: app, password: a }
                backends: { s0: { primary: "mysql://127.0.0.1:1" } }
                databases: { shop: , other: }
                """, "x.yaml");
        assertEquals(new UserConfig("ro", "r", false, "mysql_native_password", List.of("shop"), true, false), c.users().get(0));
        assertEquals(new UserConfig("app", "a", false, "mysql_native_password", List.of(), false, false), c.users().get(1));
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, () -> ConfigLoader.parse("""
                users: [ { name: ro, password: r, databases: [ shpo ] } ]
                backends: { s0: { primary: "mysql://127.0.0.1:1" } }
                databases: { shop: }
                """, "x.yaml"));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("unknown logical database 'shpo'; did you mean 'shop'?"),
                e.getMessage());
    }

    @Test
    void usersChooseTheirAuthPluginAndDefaultToNativePassword() {
        ShardwireConfig c = ConfigLoader.parse("""
                users:
                  - { name: app, password: app }
                  - { name: sha, password: s, auth_plugin: caching_sha2_password }
                  - { name: native, password: n, auth_plugin: mysql_native_password, admin: true }
                backends: { s0: { primary: "mysql://127.0.0.1:1" } }
                databases: { shop: }
                """, "x.yaml");
        assertEquals(List.of(new UserConfig("app", "app", false, "mysql_native_password"),
                new UserConfig("sha", "s", false, "caching_sha2_password"),
                new UserConfig("native", "n", true, "mysql_native_password")), c.users());
        assertEquals("UserConfig[name=sha, password=***, admin=false, authPlugin=caching_sha2_password, databases=[], readOnly=false, requireTls=false]",
                c.users().get(1).toString());
    }

    @Test
    void scalarsKeepTheTextTheUserWrote() {
        ShardwireConfig c = ConfigLoader.parse("""
                users: [ { name: on, password: yes }, { name: "007", password: 0x1F }, { name: root, password: "", admin: TRUE } ]
                backends: { s0: { primary: "mysql://127.0.0.1:1" }, s1: { primary: "mysql://127.0.0.1:2" } }
                databases:
                  shop:
                    tables:
                      events: { shard_by: range, key: d, ranges: [ { below: 2026-01-01, shard: s0 }, { shard: s1 } ] }
                      prices: { shard_by: range, key: p, ranges: [ { below: 1.50, shard: s0 }, { below: 1.75, shard: s1 }, { shard: s0 } ] }
                """, "x.yaml");
        assertEquals(List.of(new UserConfig("on", "yes", false), new UserConfig("007", "0x1F", false), new UserConfig("root", "", true)),
                c.users());
        TableConfig.RangeTable events = (TableConfig.RangeTable) c.databases().getFirst().tables().get(0);
        TableConfig.RangeTable prices = (TableConfig.RangeTable) c.databases().getFirst().tables().get(1);
        assertEquals("2026-01-01", events.ranges().getFirst().below());
        assertEquals("1.50", prices.ranges().getFirst().below());
    }

    @Test
    void hashLayoutsAndKeyFunctions() {
        ShardwireConfig c = ConfigLoader.parse("""
                users: [ { name: app, password: app } ]
                backends:
                  s0: { primary: "mysql://127.0.0.1:1" }
                  s1: { primary: "mysql://127.0.0.1:2", replicas: [ "mariadb://127.0.0.1:3", "mysql://127.0.0.1:4" ] }
                  s2: { primary: "mysql://127.0.0.1:5" }
                databases:
                  shop:
                    default_shard: s2
                    shard_maps:
                      by_customer:
                        ranges:
                          - { from: 0, shard: s1 }
                          - { from: "0x8000000000000000", shard: s0 }
                    tables:
                      customers: { shard_by: hash, key: id, shard_map: by_customer }
                      orders:    { shard_by: hash, key: customer_id, shard_map: by_customer }
                      tokens:    { shard_by: hash, key: token, key_function: { suffix_hex: 6 }, shards: [s2, s0] }
                      photos:    { shard_by: hash, key: id, key_function: { bits: { shift: 12, width: 10 } },
                                   shards: [s0, s1], ranges: [ { from: 0x0, shard: s0 }, { from: 9223372036854775808, shard: s1 } ] }
                      logs:      { shard_by: range, key: day, key_type: integer, ranges: [ { below: 9, shard: s0 }, { below: 10, shard: s1 }, { shard: s2 } ] }
                """, "x.yaml");
        List<HashRange> byCustomer = List.of(new HashRange(KeyspaceId.MIN, "s1"), new HashRange(KeyspaceId.parse("0x8000000000000000"), "s0"));
        DatabaseConfig shop = c.database("shop").orElseThrow();
        assertEquals("s2", shop.defaultShard());
        assertEquals(List.of(
                new TableConfig.HashTable("customers", "id", KeyFunction.WHOLE, Optional.of("by_customer"), List.of("s1", "s0"), byCustomer),
                new TableConfig.HashTable("orders", "customer_id", KeyFunction.WHOLE, Optional.of("by_customer"), List.of("s1", "s0"), byCustomer),
                new TableConfig.HashTable("tokens", "token", new KeyFunction.SuffixHex(6), Optional.empty(), List.of("s2", "s0"), List.of()),
                new TableConfig.HashTable("photos", "id", new KeyFunction.Bits(12, 10), Optional.empty(), List.of("s0", "s1"),
                        List.of(new HashRange(KeyspaceId.MIN, "s0"), new HashRange(KeyspaceId.parse("0x8000000000000000"), "s1"))),
                new TableConfig.RangeTable("logs", "day", KeyFunction.WHOLE, Optional.of(ValueType.INTEGER),
                        List.of(new RangeBound("9", "s0"), new RangeBound("10", "s1"), new RangeBound(null, "s2")))),
                shop.tables());
        assertEquals(2, c.backend("s1").orElseThrow().replicas().size());
        assertEquals(List.of("s0", "s1", "s2"), c.backendNames());
        assertEquals(ShardBy.BROADCAST, new TableConfig.BroadcastTable("x").shardBy());
    }

    @Test
    void anchorsAndMergeKeysWork() {
        ShardwireConfig c = ConfigLoader.parse("""
                users: [ { name: app, password: app } ]
                backends:
                  s0: { primary: "mysql://127.0.0.1:1" }
                  s1: { primary: "mysql://127.0.0.1:2" }
                databases:
                  shop:
                    tables:
                      customers: &by_id { shard_by: hash, key: id }
                      orders: { <<: *by_id, key: customer_id }
                """, "x.yaml");
        TableConfig orders = c.databases().getFirst().table("orders").orElseThrow();
        assertEquals("customer_id", assertInstanceOf(TableConfig.HashTable.class, orders).key());
    }
}
