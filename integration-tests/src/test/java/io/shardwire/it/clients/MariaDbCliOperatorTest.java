package io.shardwire.it.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shardwire.embedded.MariaDbCluster;
import io.shardwire.it.harness.MariaDbBackends;
import io.shardwire.it.harness.ProxyUnderTest;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The operator statements as a DBA types them into the {@code mariadb} CLI, with {@code \G}: each prints its rows
 * (typed columns, one round trip), and the admin-only ones refuse a plain user with the CLI's usual error line.
 */
@MariaDbBackends(count = 2)
class MariaDbCliOperatorTest {

    @Test
    void operatorStatementsPrintInTheCli(MariaDbCluster cluster) throws Exception {
        ExternalTool cli = ExternalTool.require("mariadb", "mariadb-client");
        try (ProxyUnderTest proxy = ProxyUnderTest.start(cluster, 2, "cli_ops", "", "accounts: { shard_by: hash, key: id }")) {
            String setup = """
                    CREATE TABLE accounts (id BIGINT PRIMARY KEY, owner VARCHAR(20));
                    INSERT INTO accounts VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd');
                    SELECT owner FROM accounts WHERE id = 1;
                    SELECT owner FROM accounts WHERE id = 2;
                    SELECT COUNT(*) FROM accounts;
                    """;
            ExternalTool.Run load = cli.run(args(proxy, "admin", "--batch"), setup, 60);
            assertEquals(0, load.exitCode(), load.toString());

            String script = """
                    show shard for accounts key 3\\G
                    EXPLAIN ROUTE SELECT * FROM accounts WHERE id = 3\\G
                    SHOW QUERY DIGESTS\\G
                    SHOW PROXY STATUS;
                    SHOW SHARDS;
                    SHOW BACKENDS;
                    SHOW SHARDED TABLES;
                    """;
            ExternalTool.Run run = cli.run(args(proxy, "app", "--batch"), script, 60);
            assertEquals(0, run.exitCode(), run.toString());
            String out = run.stdout();
            assertTrue(out.contains("shard_by: hash") && out.contains("keyspace_id: 0x"), out);
            assertTrue(out.contains("variant: KEYED") && out.contains("key_values: accounts.id=3"), out);
            assertTrue(Pattern.compile("digest_text: SELECT owner FROM accounts WHERE id = \\?\\n\\s+count: 2\\n").matcher(out).find(), out);
            assertTrue(out.contains("digest_text: SELECT COUNT(*) FROM accounts") && out.contains("shards_max: 2"), out);
            assertTrue(out.contains("shard_map_version\t1"), out);
            assertTrue(out.contains("s0\tprimary\t127.0.0.1:") && out.contains("\tUP\t"), out);
            assertTrue(out.contains("cli_ops\taccounts\thash\tid"), out);

            ExternalTool.Run refused = cli.run(args(proxy, "app", "--batch"), "RELOAD CONFIG;\n", 60);
            assertEquals(1, refused.exitCode(), refused.toString());
            assertTrue(refused.stderr().contains("ERROR 1227 (42000)") && refused.stderr().contains("admin"), refused.toString());
        }
    }

    private static List<String> args(ProxyUnderTest proxy, String user, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("-h127.0.0.1", "-P" + proxy.port(), "-u" + user, "-p" + user,
                "--skip-ssl", "cli_ops"));
        args.addAll(List.of(extra));
        return args;
    }
}
