package io.shardwire.shardmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every validation error, with its exact message: file, key path, problem, what to do. */
class ConfigErrorTest {

    private static final String USERS = "users: [ { name: app, password: app } ]\n";
    private static final String BACKENDS = """
            backends:
              s0: { primary: "mysql://127.0.0.1:1" }
              s1: { primary: "mysql://127.0.0.1:2" }
            """;
    private static final String DATABASES = "databases: { shop: { default_shard: s0 } }\n";
    private static final String VALID_TAIL = USERS + BACKENDS + DATABASES;

    private static String server(String body) {
        return "server: " + body + "\n" + VALID_TAIL;
    }

    private static String users(String body) {
        return "users: " + body + "\n" + BACKENDS + DATABASES;
    }

    private static String backends(String body) {
        return USERS + "backends:\n" + body.indent(2) + DATABASES;
    }

    private static String database(String body) {
        return USERS + BACKENDS + "databases:\n  shop:\n" + body.indent(4);
    }

    private static String table(String body) {
        return database("tables:\n  t: " + body);
    }

    static Stream<Arguments> errors() {
        String allowedServer = "(allowed here: port, admin_port, bind, max_allowed_packet, max_connections, server_version,"
                + " version_suffix, tls, backend_pool_size, backend_connect_timeout_ms, query_wait_timeout_ms, drain_timeout_ms, slow_query_log, slow_query_ms, io_threads,"
                + " login_failures_before_delay, login_block_after_failures, login_block_seconds, login_delay_max_ms, client_packet_budget, net_read_timeout_ms, statement_memory_budget)";
        String hashKeys = "(allowed here: shard_by, key, key_function, shard_map, shards, ranges)";
        return Stream.of(
                // the file as a whole
                Arguments.of("", "the file is empty; it needs at least users:, backends: and databases: (see conf/shardwire.yaml)"),
                Arguments.of("# only a comment\n", "the file is empty; it needs at least users:, backends: and databases: (see conf/shardwire.yaml)"),
                Arguments.of("- a\n- b\n", "expected a mapping of keys to values, found a list"),
                Arguments.of("sever: {}\n" + VALID_TAIL,
                        "sever: unknown key 'sever'; did you mean 'server'? (allowed here: server, users, backends, databases)"),
                Arguments.of(BACKENDS + DATABASES, "missing key 'users'; add e.g. users: [ { name: app, password: app } ]"),
                Arguments.of(USERS + DATABASES,
                        "missing key 'backends'; add e.g. backends: { s0: { primary: \"mysql://root:@127.0.0.1:3306\" } }"),
                Arguments.of(USERS + BACKENDS, "missing key 'databases'; add e.g. databases: { shop: { default_shard: s0 } }"),
                // server
                Arguments.of(server("3307"), "server: expected a mapping of keys to values, found '3307'"),
                Arguments.of(server("{ prot: 3307 }"), "server.prot: unknown key 'prot'; did you mean 'port'? " + allowedServer),
                Arguments.of(server("{ port: 70000 }"), "server.port: expected an integer from 0 to 65535, found '70000'"),
                Arguments.of(server("{ port: three }"), "server.port: expected an integer from 0 to 65535, found 'three'"),
                Arguments.of(server("{ port: [1] }"), "server.port: expected a text value, found a list"),
                Arguments.of(server("{ admin_port: -2 }"), "server.admin_port: expected an integer from -1 to 65535, found '-2'"),
                Arguments.of(server("{ max_allowed_packet: 2G }"),
                        "server.max_allowed_packet: expected a size from 1K to 1G such as 64M, 1G or 1048576 (bytes), found '2G'"),
                Arguments.of(server("{ max_allowed_packet: lots }"),
                        "server.max_allowed_packet: expected a size from 1K to 1G such as 64M, 1G or 1048576 (bytes), found 'lots'"),
                Arguments.of(server("{ max_connections: 0 }"), "server.max_connections: expected an integer from 1 to 1000000, found '0'"),
                Arguments.of(server("{ query_wait_timeout_ms: 0 }"),
                        "server.query_wait_timeout_ms: expected an integer from 1 to 86400000, found '0'"),
                Arguments.of(server("{ bind: '' }"), "server.bind: is empty; expected an address such as 0.0.0.0 or 127.0.0.1"),
                Arguments.of(server("{ tls: { cert: a.pem } }"),
                        "server.tls: cert and key go together: give both PEM files, or neither for a self-signed certificate"),
                Arguments.of(server("{ tls: { enabled: false, cert: a.pem, key: b.pem } }"),
                        "server.tls: cert and key are given but enabled is false; remove them, or remove 'enabled: false'"),
                Arguments.of(server("{ tls: { enabled: no } }"), "server.tls.enabled: expected true or false, found 'no'"),
                Arguments.of(server("{ tls: { certificate: a.pem } }"),
                        "server.tls.certificate: unknown key 'certificate' (allowed here: enabled, cert, key)"),
                // users
                Arguments.of(users("[]"), "users: at least one user is required, e.g. users: [ { name: app, password: app } ]"),
                Arguments.of(users("{ app: app }"), "users: expected a list such as [ a, b ], found a mapping"),
                Arguments.of(users("[ app ]"), "users[0]: expected a mapping of keys to values, found 'app'"),
                Arguments.of(users("[ { name: app, passwrd: x } ]"),
                        "users[0].passwrd: unknown key 'passwrd' for a user; did you mean 'password'? (allowed here: name, password, admin, auth_plugin, databases, read_only, password_env, password_file, require_tls)"),
                Arguments.of(users("[ { name: app } ]"), "users[0]: missing key 'password'; add e.g. password: secret (or password: \"\" for none)"),
                Arguments.of(users("[ { name: app, password: } ]"),
                        "users[0].password: has no value; write e.g. password: secret (or password: \"\" for none)"),
                Arguments.of(users("[ { password: x } ]"), "users[0]: missing key 'name'; add e.g. name: app"),
                Arguments.of(users("[ { name: '', password: x } ]"), "users[0].name: is empty; expected a user name"),
                Arguments.of(users("[ { name: app, password: a }, { name: b, password: b }, { name: app, password: c } ]"),
                        "users[2].name: duplicate user 'app' (already defined at users[0]); user names must be unique"),
                Arguments.of(users("[ { name: app, password: a, admin: yes } ]"), "users[0].admin: expected true or false, found 'yes'"),
                Arguments.of(users("[ { name: app, password: a, auth_plugin: caching_sha2 } ]"),
                        "users[0].auth_plugin: unknown value 'caching_sha2' (expected mysql_native_password or caching_sha2_password)"),
                Arguments.of(users("[ { name: app, password: a, auth_plugin: mysql_native_pasword } ]"),
                        "users[0].auth_plugin: unknown value 'mysql_native_pasword'; did you mean mysql_native_password?"
                                + " (expected mysql_native_password or caching_sha2_password)"),
                Arguments.of(users("[ { name: app, password: a, password_env: APP_PASSWORD } ]"),
                        "users[0]: user 'app' has password and password_env; give exactly one of password, password_env, password_file"),
                Arguments.of(users("[ { name: app, password_env: SHARDWIRE_TEST_SURELY_UNSET_VARIABLE } ]"),
                        "users[0].password_env: user 'app': the environment variable SHARDWIRE_TEST_SURELY_UNSET_VARIABLE is not"
                                + " set; set it before starting shardwire, or use password or password_file"),
                Arguments.of(users("[ { name: app, password_file: /nonexistent/shardwire/app } ]"),
                        "users[0].password_file: user 'app': cannot read the password file /nonexistent/shardwire/app (no such"
                                + " file); check the path and that shardwire may read it"),
                Arguments.of(users("[ { name: app, password: \"*6BB4837EB74329105EE4568DDA7DC67ED2CA2AD9\","
                                + " auth_plugin: caching_sha2_password } ]"),
                        "users[0].auth_plugin: user 'app' has a mysql_native_password hash ('*' + 40 hex digits) as its"
                                + " password, which caching_sha2_password cannot check: give the password itself (password,"
                                + " password_env or password_file), or use mysql_native_password"),
                Arguments.of(users("[ { name: app, password: a, require_tls: maybe } ]"),
                        "users[0].require_tls: expected true or false, found 'maybe'"),
                Arguments.of(server("{ login_delay_max_ms: 10000 }"),
                        "server.login_delay_max_ms: expected an integer from 0 to 8000, found '10000'"),
                Arguments.of(server("{ login_block_seconds: 0 }"),
                        "server.login_block_seconds: expected an integer from 1 to 86400, found '0'"),
                // backends
                Arguments.of(backends("{}"),
                        "backends: at least one backend is required, e.g. backends: { s0: { primary: \"mysql://root:@127.0.0.1:3306\" } }"),
                Arguments.of(backends("- s0"), "backends: expected a mapping of keys to values, found a list"),
                Arguments.of(backends("s0: { replicas: [] }"), "backends.s0: missing key 'primary'; add e.g. primary: \"mysql://root:@127.0.0.1:3306\""),
                Arguments.of(backends("s0:"), "backends.s0: expected a mapping of keys to values, found nothing"),
                Arguments.of(backends("s 0: { primary: \"mysql://h\" }"),
                        "backends.s 0: invalid shard name 's 0': use 1 to 64 letters, digits, '_', '-' or '.'"),
                Arguments.of(backends("s0: { primary: \"postgres://h\" }"), "backends.s0.primary: invalid backend address 'postgres://h':"
                        + " it must start with mysql:// or mariadb:// (expected mysql://user:password@host:port)"),
                Arguments.of(backends("s0: { primary: \"mysql://u:secret@h:0\" }"), "backends.s0.primary: invalid backend address"
                        + " 'mysql://u:***@h:0': the port '0' is not a number from 1 to 65535 (expected mysql://user:password@host:port)"),
                Arguments.of(backends("s0: { primary: \"mysql://h:1\", replicas: \"mysql://h:2\" }"),
                        "backends.s0.replicas: expected a list such as [ a, b ], found 'mysql://h:2'"),
                Arguments.of(backends("s0: { primary: \"mysql://h:1\", replica: [] }"),
                        "backends.s0.replica: unknown key 'replica' for a backend; did you mean 'replicas'? (allowed here: primary, replicas)"),
                Arguments.of(backends("s0: { primary: \"mysql://h:1\" }\ns1: { primary: \"mysql://H:1\" }"),
                        "backends.s1.primary: H:1 is already used by backends.s0.primary; every primary and replica needs its own server,"
                                + " because each shard holds the logical databases under the same names"),
                Arguments.of(backends("s0: { primary: \"mysql://h:1\", replicas: [ \"mysql://h:2\", \"mysql://h:1\" ] }"),
                        "backends.s0.replicas[1]: h:1 is already used by backends.s0.primary; every primary and replica needs its own"
                                + " server, because each shard holds the logical databases under the same names"),
                // databases
                Arguments.of(USERS + BACKENDS + "databases: {}\n",
                        "databases: at least one database is required, e.g. databases: { shop: { default_shard: s0 } }"),
                Arguments.of(USERS + BACKENDS + "databases: { \"a`b\": {} }\n",
                        "databases.a`b: invalid database name 'a`b': use 1 to 64 characters without backticks"),
                Arguments.of(database("default_shard: s9"), "databases.shop.default_shard: unknown shard 's9' (known: s0, s1)"),
                Arguments.of(database("table: {}"), "databases.shop.table: unknown key 'table' for a database; did you mean 'tables'?"
                        + " (allowed here: default_shard, tables, shard_maps)"),
                Arguments.of(database("tables: [ t ]"), "databases.shop.tables: expected a mapping of keys to values, found a list"),
                // tables
                Arguments.of(table("{ key: id }"), "databases.shop.tables.t: missing key 'shard_by'; add e.g. { shard_by: hash, key: id }"
                        + " (shard_by is hash, range or broadcast; unlisted tables live on the default shard)"),
                Arguments.of(table("[ hash, id ]"), "databases.shop.tables.t: expected a mapping such as { shard_by: hash, key: id }, found a list"),
                Arguments.of(table("{ shard_by: hsah, key: id }"),
                        "databases.shop.tables.t.shard_by: unknown value 'hsah'; did you mean hash? (expected hash, range or broadcast)"),
                Arguments.of(table("{ shard_by: list, key: id }"),
                        "databases.shop.tables.t.shard_by: unknown value 'list' (expected hash, range or broadcast)"),
                Arguments.of(table("{ shard_by: broadcast, key: id }"),
                        "databases.shop.tables.t.key: unknown key 'key' for a broadcast table (allowed here: shard_by)"),
                Arguments.of(table("{ shard_by: hash }"), "databases.shop.tables.t: missing key 'key'; add e.g. key: id"),
                Arguments.of(table("{ shard_by: hash, key: id, rnages: [] }"),
                        "databases.shop.tables.t.rnages: unknown key 'rnages' for a hash table; did you mean 'ranges'? " + hashKeys),
                Arguments.of(table("{ shard_by: hash, key: id, key_type: integer }"),
                        "databases.shop.tables.t.key_type: unknown key 'key_type' for a hash table " + hashKeys),
                // hash layouts
                Arguments.of(table("{ shard_by: hash, key: id, shards: [ s0, s9 ] }"),
                        "databases.shop.tables.t.shards[1]: unknown shard 's9' (known: s0, s1)"),
                Arguments.of(table("{ shard_by: hash, key: id, shards: [ s0, s0 ] }"),
                        "databases.shop.tables.t.shards[1]: shard 's0' is listed twice"),
                Arguments.of(table("{ shard_by: hash, key: id, shards: [] }"),
                        "databases.shop.tables.t.shards: is empty; list at least one shard, or remove the key to use every backend"),
                Arguments.of(table("{ shard_by: hash, key: id, ranges: [ { from: 0x10, shard: s0 } ] }"),
                        "databases.shop.tables.t.ranges[0].from: the first range must start at 0x0000000000000000 so every hash value"
                                + " has a shard (found 0x0000000000000010)"),
                Arguments.of(table("{ shard_by: hash, key: id, ranges: [ { from: 0, shard: s0 }, { from: 0x0, shard: s1 } ] }"),
                        "databases.shop.tables.t.ranges[1].from: 0x0000000000000000 is not above the previous start"
                                + " 0x0000000000000000; range starts must be strictly increasing"),
                Arguments.of(table("{ shard_by: hash, key: id, ranges: [ { from: 0, shard: s0 }, { from: half, shard: s1 } ] }"),
                        "databases.shop.tables.t.ranges[1].from: expected an unsigned 64-bit number, hex like \"0x8000000000000000\""
                                + " or decimal, found 'half'"),
                Arguments.of(table("{ shard_by: hash, key: id, ranges: [ { from: 0, shard: s0 }, { from: 0x8000000000000000, shard: s9 } ] }"),
                        "databases.shop.tables.t.ranges[1].shard: unknown shard 's9' (known: s0, s1)"),
                Arguments.of(table("{ shard_by: hash, key: id, ranges: [ { from: 0, shard: s0 }, { shard: s1 } ] }"),
                        "databases.shop.tables.t.ranges[1]: missing key 'from'; add e.g. from: \"0x8000000000000000\""),
                Arguments.of(table("{ shard_by: hash, key: id, ranges: [] }"), "databases.shop.tables.t.ranges: is empty; list ranges"
                        + " such as { from: \"0x0000000000000000\", shard: s0 }, or remove the key"),
                Arguments.of(table("{ shard_by: hash, key: id, shards: [ s0 ], ranges: [ { from: 0, shard: s0 }, { from: 0x8000000000000000, shard: s1 } ] }"),
                        "databases.shop.tables.t.ranges[1].shard: shard 's1' is not in shards [s0]; add it there or drop the shards key"),
                Arguments.of(table("{ shard_by: hash, key: id, shards: [ s0, s1 ], ranges: [ { from: 0, shard: s0 } ] }"),
                        "databases.shop.tables.t.shards: 's1' owns no range; give it a range in ranges or remove it from shards"),
                // named shard maps
                Arguments.of(table("{ shard_by: hash, key: id, shard_map: m }"), "databases.shop.tables.t.shard_map: unknown shard map 'm'"
                        + " (known: none; define it under databases.shop.shard_maps)"),
                Arguments.of(database("shard_maps: { a: {}, b: {} }\ntables:\n  t: { shard_by: hash, key: id, shard_map: c }"),
                        "databases.shop.tables.t.shard_map: unknown shard map 'c' (known: a, b)"),
                Arguments.of(database("shard_maps: { m: {} }\ntables:\n  t: { shard_by: hash, key: id, shard_map: m, shards: [ s0 ] }"),
                        "databases.shop.tables.t.shard_map: a table takes its layout either from shard_map or from its own shards/ranges,"
                                + " not both; move them into databases.shop.shard_maps.m"),
                Arguments.of(database("shard_maps: { m: { shard: s0 } }"), "databases.shop.shard_maps.m.shard: unknown key 'shard' for a"
                        + " shard map; did you mean 'shards'? (allowed here: shards, ranges)"),
                Arguments.of(database("shard_maps: { m: { shards: [ s7 ] } }"), "databases.shop.shard_maps.m.shards[0]: unknown shard 's7'"
                        + " (known: s0, s1)"),
                // range tables
                Arguments.of(table("{ shard_by: range, key: d }"), "databases.shop.tables.t: missing key 'ranges';"
                        + " add e.g. ranges: [ { below: \"2026-01-01\", shard: s0 }, { shard: s1 } ]"),
                Arguments.of(table("{ shard_by: range, key: d, ranges: [] }"),
                        "databases.shop.tables.t.ranges: is empty; list ranges such as [ { below: 100, shard: s0 }, { shard: s1 } ]"),
                Arguments.of(table("{ shard_by: range, key: d, ranges: [ { below: \"2026-01-01\", shard: s0 }, { shard: s9 } ] }"),
                        "databases.shop.tables.t.ranges[1].shard: unknown shard 's9' (known: s0, s1)"),
                Arguments.of(table("{ shard_by: range, key: d, ranges: [ { shard: s0 }, { shard: s1 } ] }"),
                        "databases.shop.tables.t.ranges[0]: missing key 'below'; only the last range may omit it (the last takes every"
                                + " value up to MAXVALUE)"),
                Arguments.of(table("{ shard_by: range, key: d, ranges: [ { below: 10, shard: s0 }, { below: 20, shard: s1 } ] }"),
                        "databases.shop.tables.t.ranges[1].below: the last range must not have 'below': it takes every value from the"
                                + " previous bound up (MAXVALUE); add a last range such as { shard: s1 } after it"),
                Arguments.of(table("{ shard_by: range, key: d, ranges: [ { below: 2026-01-01, shard: s0 }, { below: 2025-01-01, shard: s1 }, { shard: s0 } ] }"),
                        "databases.shop.tables.t.ranges[1].below: '2025-01-01' is not above the previous bound '2026-01-01'; bounds must"
                                + " be strictly increasing (compared as date)"),
                Arguments.of(table("{ shard_by: range, key: d, ranges: [ { below: 100, shard: s0 }, { below: 20, shard: s1 }, { shard: s0 } ] }"),
                        "databases.shop.tables.t.ranges[1].below: '20' is not above the previous bound '100'; bounds must be strictly"
                                + " increasing (compared as integer)"),
                Arguments.of(table("{ shard_by: range, key: d, ranges: [ { below: b, shard: s0 }, { below: b, shard: s1 }, { shard: s0 } ] }"),
                        "databases.shop.tables.t.ranges[1].below: 'b' is not above the previous bound 'b'; bounds must be strictly"
                                + " increasing (compared as string)"),
                Arguments.of(table("{ shard_by: range, key: d, key_type: date, ranges: [ { below: soon, shard: s0 }, { shard: s1 } ] }"),
                        "databases.shop.tables.t.ranges[0].below: 'soon' is not a valid date (key_type: date)"),
                Arguments.of(table("{ shard_by: range, key: d, key_type: integer, ranges: [ { below: 2.5, shard: s0 }, { shard: s1 } ] }"),
                        "databases.shop.tables.t.ranges[0].below: '2.5' is not a valid integer (key_type: integer)"),
                Arguments.of(table("{ shard_by: range, key: d, key_type: int, ranges: [ { shard: s1 } ] }"),
                        "databases.shop.tables.t.key_type: unknown type 'int' (expected integer, decimal, string, date or datetime)"),
                Arguments.of(table("{ shard_by: range, key: d, ranges: [ { below: 1, shard: s0, note: x }, { shard: s1 } ] }"),
                        "databases.shop.tables.t.ranges[0].note: unknown key 'note' for a range (allowed here: below, shard)"),
                // key functions
                Arguments.of(table("{ shard_by: hash, key: t, key_function: { suffix_hex: 4, bits: { shift: 0, width: 8 } } }"),
                        "databases.shop.tables.t.key_function: give exactly one of suffix_hex: N or bits: { shift: S, width: W }"),
                Arguments.of(table("{ shard_by: hash, key: t, key_function: {} }"),
                        "databases.shop.tables.t.key_function: give exactly one of suffix_hex: N or bits: { shift: S, width: W }"),
                Arguments.of(table("{ shard_by: hash, key: t, key_function: { suffix_hex: 17 } }"),
                        "databases.shop.tables.t.key_function.suffix_hex: expected an integer from 1 to 16, found '17'"),
                Arguments.of(table("{ shard_by: hash, key: t, key_function: { suffix: 4 } }"),
                        "databases.shop.tables.t.key_function.suffix: unknown key 'suffix' for key_function (allowed here: suffix_hex, bits)"),
                Arguments.of(table("{ shard_by: hash, key: t, key_function: { bits: { shift: 60, width: 8 } } }"),
                        "databases.shop.tables.t.key_function.bits: shift 60 + width 8 exceeds the 64 bits of a BIGINT; reduce one of them"),
                Arguments.of(table("{ shard_by: hash, key: t, key_function: { bits: { shift: 12 } } }"),
                        "databases.shop.tables.t.key_function.bits: missing key 'width'; add e.g. width: 10"),
                Arguments.of(table("{ shard_by: range, key: t, key_type: string, key_function: { suffix_hex: 2 }, ranges: [ { shard: s0 } ] }"),
                        "databases.shop.tables.t.key_type: does not apply with key_function, which always reads an integer out of the key;"
                                + " remove key_type"),
                Arguments.of(table("{ shard_by: range, key: t, key_function: { suffix_hex: 2 }, ranges: [ { below: x, shard: s0 }, { shard: s1 } ] }"),
                        "databases.shop.tables.t.ranges[0].below: 'x' is not a valid integer (key_function reads integers)"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("errors")
    void reportsFilePathProblemAndFix(String yaml, String message) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml, "conf/x.yaml"));
        assertEquals("conf/x.yaml: " + message, e.getMessage());
    }

    static Stream<Arguments> yamlErrors() {
        return Stream.of(
                Arguments.of("users: [ { name: app\n", "conf/x.yaml:2:1: invalid YAML: while parsing a flow mapping: expected ',' or '}', but got <stream end>"),
                Arguments.of("server: { port: 1, port: 2 }\n", "conf/x.yaml:1:20: invalid YAML: while constructing a mapping: found duplicate key port"),
                Arguments.of("server: !!python/object:os.system { port: 1 }\n",
                        "conf/x.yaml:1:9: invalid YAML: Global tag is not allowed: tag:yaml.org,2002:python/object:os.system"),
                Arguments.of("a: 1\n---\nb: 2\n", "conf/x.yaml:2:1: invalid YAML: expected a single document in the stream: but found another document"),
                Arguments.of("{ [a]: b }\n", "conf/x.yaml: keys must be plain names, found a list"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @MethodSource("yamlErrors")
    void reportsYamlSyntaxWithLineAndColumn(String yaml, String message) {
        assertEquals(message, assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml, "conf/x.yaml")).getMessage());
    }

    @Test
    void missingFileIsNamed() {
        Path missing = Path.of("target/does-not-exist.yaml");
        assertEquals("target/does-not-exist.yaml: no such configuration file",
                assertThrows(ConfigException.class, () -> ConfigLoader.load(missing)).getMessage());
    }
}
