package io.shardwire.shardmap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads the YAML configuration (see CONTRACT.md and {@code conf/shardwire.yaml}) into a validated
 * {@link ShardwireConfig}, or throws a {@link ConfigException} naming the file, the key path, the
 * problem and the fix. Unknown keys are errors, so a typo is never silently ignored. Every key,
 * with its default, is listed in the header of {@code conf/shardwire.yaml}; the server keys are
 * described on {@link ServerConfig}, the table keys on {@link TableConfig}.
 *
 * <p>SnakeYAML runs with {@link SafeConstructor} (no application types) and a resolver that
 * leaves every plain scalar as text except {@code null}/{@code ~}/empty: YAML 1.1 would otherwise
 * turn {@code password: yes} into a boolean, {@code below: 2026-01-01} into a java.util.Date and
 * {@code below: 1.50} into the double 1.5, losing what the user wrote. Types are given here, per key.
 */
public final class ConfigLoader {

    private static final List<String> TOP_KEYS = List.of("server", "users", "backends", "databases");
    private static final List<String> SERVER_KEYS = List.of("port", "admin_port", "bind", "max_allowed_packet",
            "max_connections", "server_version", "version_suffix", "tls", "backend_pool_size",
            "backend_connect_timeout_ms", "query_wait_timeout_ms", "drain_timeout_ms", "slow_query_log",
            "slow_query_ms", "io_threads", "login_failures_before_delay", "login_block_after_failures",
            "login_block_seconds", "login_delay_max_ms", "client_packet_budget", "net_read_timeout_ms",
            "statement_memory_budget");
    private static final List<String> TLS_KEYS = List.of("enabled", "cert", "key");
    private static final List<String> USER_KEYS = List.of("name", "password", "admin", "auth_plugin", "databases",
            "read_only", "password_env", "password_file", "require_tls");
    /** The keys a user's secret may come from; exactly one is given. */
    private static final List<String> PASSWORD_KEYS = List.of("password", "password_env", "password_file");
    private static final List<String> BACKEND_KEYS = List.of("primary", "replicas");
    private static final Pattern SHARD_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final int MAX_TIMEOUT_MS = 86_400_000;

    private ConfigLoader() {
    }

    /** Reads and validates {@code file}; relative TLS file paths are resolved against its directory. */
    public static ShardwireConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such configuration file", e);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read the configuration file: " + e, e);
        }
        return parse(text, file.toString(), file, file.toAbsolutePath().getParent(), System::getenv);
    }

    /**
     * Validates YAML text; {@code sourceName} names it in errors and becomes {@link ShardwireConfig#source}.
     * Relative TLS file paths are kept as written (relative to the working directory).
     */
    public static ShardwireConfig parse(String yaml, String sourceName) {
        return parse(yaml, sourceName, System::getenv);
    }

    /** As {@link #parse(String, String)}, with {@code environment} answering {@code password_env} look-ups. */
    static ShardwireConfig parse(String yaml, String sourceName, Function<String, String> environment) {
        return parse(yaml, sourceName, Path.of(sourceName), null, environment);
    }

    private static ShardwireConfig parse(String yaml, String sourceName, Path source, Path baseDir,
                                         Function<String, String> environment) {
        Object document = readYaml(yaml, sourceName);
        if (document == null) {
            throw new ConfigException(sourceName + ": the file is empty; it needs at least users:, backends: and"
                    + " databases: (see conf/shardwire.yaml)");
        }
        YamlNode.Mapping top = YamlNode.root(sourceName, document).mapping(TOP_KEYS);
        ServerConfig server = top.optional("server").map(n -> server(n, baseDir)).orElse(ServerConfig.defaults());
        YamlNode usersNode = top.required("users", "users: [ { name: app, password: app } ]");
        List<BackendConfig> backends = backends(top.required("backends",
                "backends: { s0: { primary: \"mysql://root:@127.0.0.1:3306\" } }"));
        List<DatabaseConfig> databases = new DatabaseConfigReader(backends.stream().map(BackendConfig::name).toList())
                .databases(top.required("databases", "databases: { shop: { default_shard: s0 } }"));
        List<UserConfig> users = users(usersNode, databases.stream().map(DatabaseConfig::name).toList(), baseDir,
                environment);
        return new ShardwireConfig(server, users, backends, databases, source);
    }

    private static Object readYaml(String yaml, String sourceName) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        DumperOptions dumper = new DumperOptions();
        Yaml parser = new Yaml(new SafeConstructor(options), new Representer(dumper), dumper, options, new TextResolver());
        try {
            return parser.load(yaml);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark();
            String where = mark == null ? "" : (mark.getLine() + 1) + ":" + (mark.getColumn() + 1) + ": ";
            String problem = e.getContext() == null ? e.getProblem() : e.getContext() + ": " + e.getProblem();
            throw new ConfigException(sourceName + ":" + where + "invalid YAML: " + problem, e);
        } catch (YAMLException e) {
            throw new ConfigException(sourceName + ": invalid YAML: " + e.getMessage(), e);
        }
    }

    /** Resolves only null and merge keys implicitly; every other plain scalar stays text. */
    private static final class TextResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.NULL, NULL, "~nN\0", 10);
            addImplicitResolver(Tag.NULL, EMPTY, null, 10);
            addImplicitResolver(Tag.MERGE, MERGE, "<", 10);
        }
    }

    private static ServerConfig server(YamlNode node, Path baseDir) {
        YamlNode.Mapping m = node.mapping(SERVER_KEYS);
        ServerConfig d = ServerConfig.defaults();
        return new ServerConfig(
                m.optional("bind").map(n -> n.name("an address such as 0.0.0.0 or 127.0.0.1").strip()).orElse(d.bind()),
                m.optional("port").map(n -> n.integer(0, 65535)).orElse(d.port()),
                m.optional("admin_port").map(n -> n.integer(-1, 65535)).orElse(d.adminPort()),
                m.optional("max_allowed_packet").map(n -> n.bytes(1024, 1L << 30, "1K to 1G")).orElse(d.maxAllowedPacket()),
                m.optional("max_connections").map(n -> n.integer(1, 1_000_000)).orElse(d.maxConnections()),
                m.optional("server_version").map(n -> n.name("a version such as 10.11.19-MariaDB")),
                m.optional("version_suffix").map(YamlNode::text).orElse(d.versionSuffix()),
                m.optional("tls").map(n -> tls(n, baseDir)).orElse(d.tls()),
                m.optional("backend_pool_size").map(n -> n.integer(1, 10_000)).orElse(d.backendPoolSize()),
                millis(m, "backend_connect_timeout_ms", d.backendConnectTimeout()),
                millis(m, "query_wait_timeout_ms", d.queryWaitTimeout()),
                millis(m, "drain_timeout_ms", d.drainTimeout()),
                m.optional("slow_query_log").map(n -> file(n, baseDir)),
                m.optional("slow_query_ms").map(n -> Duration.ofMillis(n.integer(0, MAX_TIMEOUT_MS))).orElse(d.slowQueryThreshold()),
                m.optional("io_threads").map(n -> n.integer(0, 1024)).orElse(d.ioThreads()),
                m.optional("login_failures_before_delay").map(n -> n.integer(0, 1_000_000)).orElse(d.loginFailuresBeforeDelay()),
                m.optional("login_block_after_failures").map(n -> n.integer(0, 1_000_000)).orElse(d.loginBlockAfterFailures()),
                m.optional("login_block_seconds").map(n -> Duration.ofSeconds(n.integer(1, 86_400))).orElse(d.loginBlock()),
                // past the 10 s login timeout the client would see its connection closed instead of the answer
                m.optional("login_delay_max_ms").map(n -> Duration.ofMillis(n.integer(0, 8000))).orElse(d.loginDelayMax()),
                m.optional("client_packet_budget").map(n -> n.bytes(1L << 20, 1L << 40, "1M to 1T")).orElse(d.clientPacketBudget()),
                millis(m, "net_read_timeout_ms", d.netReadTimeout()),
                m.optional("statement_memory_budget").map(n -> n.bytes(1L << 20, 1L << 40, "1M to 1T"))
                        .orElse(d.statementMemoryBudget()));
    }

    private static Duration millis(YamlNode.Mapping m, String key, Duration fallback) {
        return m.optional(key).map(n -> Duration.ofMillis(n.integer(1, MAX_TIMEOUT_MS))).orElse(fallback);
    }

    private static TlsConfig tls(YamlNode node, Path baseDir) {
        YamlNode.Mapping m = node.mapping(TLS_KEYS);
        boolean enabled = m.optional("enabled").map(YamlNode::bool).orElse(true);
        Optional<YamlNode> cert = m.optional("cert");
        Optional<YamlNode> key = m.optional("key");
        if (!enabled) {
            if (cert.isPresent() || key.isPresent()) {
                throw node.fail("cert and key are given but enabled is false; remove them, or remove 'enabled: false'");
            }
            return new TlsConfig.Disabled();
        }
        if (cert.isPresent() != key.isPresent()) {
            throw node.fail("cert and key go together: give both PEM files, or neither for a self-signed certificate");
        }
        if (cert.isEmpty()) {
            return new TlsConfig.SelfSigned();
        }
        return new TlsConfig.CertificateFiles(file(cert.get(), baseDir), file(key.get(), baseDir));
    }

    private static Path file(YamlNode node, Path baseDir) {
        Path path = Path.of(node.name("a file path"));
        return baseDir == null || path.isAbsolute() ? path : baseDir.resolve(path).normalize();
    }

    private static List<UserConfig> users(YamlNode node, List<String> logicalDatabases, Path baseDir,
                                          Function<String, String> environment) {
        List<YamlNode> items = node.list();
        if (items.isEmpty()) {
            throw node.fail("at least one user is required, e.g. users: [ { name: app, password: app } ]");
        }
        List<UserConfig> users = new ArrayList<>();
        Map<String, String> firstPath = new HashMap<>();
        for (YamlNode item : items) {
            YamlNode.Mapping m = item.mapping(USER_KEYS, "a user");
            YamlNode nameNode = m.required("name", "name: app");
            String name = nameNode.name("a user name");
            if (name.length() > 80) {
                throw nameNode.fail("user names are at most 80 characters long");
            }
            String previous = firstPath.putIfAbsent(name, item.path());
            if (previous != null) {
                throw nameNode.fail("duplicate user '" + name + "' (already defined at " + previous + "); user names must be unique");
            }
            String password = password(item, m, name, baseDir, environment);
            boolean admin = m.optional("admin").map(YamlNode::bool).orElse(false);
            String plugin = m.optional("auth_plugin").map(ConfigLoader::authPlugin).orElse(UserConfig.NATIVE_PASSWORD);
            if (plugin.equals(UserConfig.CACHING_SHA2_PASSWORD) && UserConfig.isNativeHash(password)) {
                throw m.optional("auth_plugin").orElseThrow().fail("user '" + name + "' has a mysql_native_password"
                        + " hash ('*' + 40 hex digits) as its password, which caching_sha2_password cannot check: give"
                        + " the password itself (password, password_env or password_file), or use mysql_native_password");
            }
            List<String> databases = m.optional("databases").map(n -> userDatabases(n, logicalDatabases)).orElse(List.of());
            boolean readOnly = m.optional("read_only").map(YamlNode::bool).orElse(false);
            boolean requireTls = m.optional("require_tls").map(YamlNode::bool).orElse(false);
            users.add(new UserConfig(name, password, admin, plugin, databases, readOnly, requireTls));
        }
        return users;
    }

    /** A user's {@code databases:}: names of logical databases (as configured, whatever case the entry has). */
    private static List<String> userDatabases(YamlNode node, List<String> logicalDatabases) {
        List<String> names = new ArrayList<>();
        for (YamlNode item : node.list()) {
            String wanted = item.name("a logical database name");
            String configured = logicalDatabases.stream().filter(d -> d.equalsIgnoreCase(wanted)).findFirst()
                    .orElseThrow(() -> item.fail("unknown logical database '" + wanted + "'" + YamlNode.suggestion(wanted,
                            logicalDatabases) + "; a user's databases are names under databases: ("
                            + String.join(", ", logicalDatabases) + ")"));
            if (!names.contains(configured)) {
                names.add(configured);
            }
        }
        if (names.isEmpty()) {
            throw node.fail("is empty; list the logical databases the user may use, or leave databases: out for all");
        }
        return names;
    }

    /**
     * The user's secret from exactly one of password, password_env or password_file. Errors name the user and the
     * variable or file, never a value: the value may be the secret.
     */
    private static String password(YamlNode item, YamlNode.Mapping m, String name, Path baseDir,
                                   Function<String, String> environment) {
        String example = "password: secret (or password: \"\" for none)";
        List<String> given = PASSWORD_KEYS.stream().filter(m.entries()::containsKey).toList();
        if (given.size() > 1) {
            throw item.fail("user '" + name + "' has " + String.join(" and ", given) + "; give exactly one of "
                    + String.join(", ", PASSWORD_KEYS));
        }
        if (given.isEmpty() || given.contains("password")) {
            return m.required("password", example).text();
        }
        if (given.contains("password_env")) {
            YamlNode node = m.required("password_env", "password_env: APP_PASSWORD");
            String variable = node.name("an environment variable name");
            String value = environment.apply(variable);
            if (value == null) {
                throw node.fail("user '" + name + "': the environment variable " + variable + " is not set;"
                        + " set it before starting shardwire, or use password or password_file");
            }
            return value;
        }
        YamlNode node = m.required("password_file", "password_file: /run/secrets/app_password");
        Path file = file(node, baseDir);
        try {
            return stripOneNewline(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            String why = e instanceof NoSuchFileException ? "no such file" : e.getClass().getSimpleName();
            throw node.fail("user '" + name + "': cannot read the password file " + file + " (" + why + ");"
                    + " check the path and that shardwire may read it");
        }
    }

    /** Files written by editors and {@code echo} end with a newline that is not part of the secret. */
    private static String stripOneNewline(String text) {
        if (text.endsWith("\r\n")) {
            return text.substring(0, text.length() - 2);
        }
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    private static String authPlugin(YamlNode node) {
        String plugin = node.text();
        if (!UserConfig.AUTH_PLUGINS.contains(plugin)) {
            throw node.fail("unknown value '" + plugin + "'" + YamlNode.suggestion(plugin, UserConfig.AUTH_PLUGINS)
                    .replace("'", "") + " (expected " + String.join(" or ", UserConfig.AUTH_PLUGINS) + ")");
        }
        return plugin;
    }

    private static List<BackendConfig> backends(YamlNode node) {
        Map<String, YamlNode> entries = node.names();
        if (entries.isEmpty()) {
            throw node.fail("at least one backend is required, e.g. backends: { s0: { primary: \"mysql://root:@127.0.0.1:3306\" } }");
        }
        List<BackendConfig> backends = new ArrayList<>();
        Map<String, String> addressUsers = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> entry : entries.entrySet()) {
            String name = entry.getKey();
            YamlNode backendNode = entry.getValue();
            if (!SHARD_NAME.matcher(name).matches()) {
                throw backendNode.fail("invalid shard name '" + name + "': use 1 to 64 letters, digits, '_', '-' or '.'");
            }
            YamlNode.Mapping m = backendNode.mapping(BACKEND_KEYS, "a backend");
            BackendAddress primary = address(m.required("primary", "primary: \"mysql://root:@127.0.0.1:3306\""), addressUsers);
            List<BackendAddress> replicas = new ArrayList<>();
            for (YamlNode replica : m.optional("replicas").map(YamlNode::list).orElse(List.of())) {
                replicas.add(address(replica, addressUsers));
            }
            backends.add(new BackendConfig(name, primary, replicas));
        }
        return backends;
    }

    private static BackendAddress address(YamlNode node, Map<String, String> addressUsers) {
        BackendAddress address;
        try {
            address = BackendAddress.parse(node.name("a backend address such as mysql://root:@127.0.0.1:3306").strip());
        } catch (IllegalArgumentException e) {
            throw node.fail(e.getMessage());
        }
        String key = address.host().toLowerCase(Locale.ROOT) + ":" + address.port();
        String previous = addressUsers.putIfAbsent(key, node.path());
        if (previous != null) {
            throw node.fail(address.hostAndPort() + " is already used by " + previous + "; every primary and replica"
                    + " needs its own server, because each shard holds the logical databases under the same names");
        }
        return address;
    }
}
