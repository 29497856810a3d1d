package io.shardwire.server;

import io.shardwire.router.route.PlanCache;
import io.shardwire.server.error.ProxyError;
import io.shardwire.server.frontend.Account;
import io.shardwire.server.schema.TableSchemaCache;
import io.shardwire.shardmap.ConfigException;
import io.shardwire.shardmap.ConfigLoader;
import io.shardwire.shardmap.ShardMap;
import io.shardwire.shardmap.ShardwireConfig;
import io.shardwire.shardmap.UserConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RELOAD CONFIG and SIGHUP: reads the configuration file again, validates it, and applies what can change while
 * clients stay connected: users (passwords from password_env and password_file read again), databases and their
 * table rules. The new shard map replaces the old one in
 * one atomic swap with the next version number, so a statement that started on the old map finishes on it,
 * and plans cached on the old version are never used again. A file that does not load, or that changes
 * what needs a restart ({@code server:} settings, the backends and their addresses), is refused and the
 * running configuration stays as it was. Reloads are serialized.
 */
public final class ConfigReloader {
    private static final Logger log = LoggerFactory.getLogger(ConfigReloader.class);

    /** What a reload applied. */
    public record Outcome(long mapVersion, int databases, int tables, int users) {
    }

    private final Optional<Path> source;
    private final AtomicReference<ShardwireConfig> current;
    private final AtomicReference<ShardMap> shardMap;
    private final PlanCache plans;
    private final TableSchemaCache schemas;
    private final Map<String, Account> accounts;
    private final Set<String> sha2Cache;
    private volatile long loadedAtMillis = System.currentTimeMillis();

    /**
     * @param source the file the configuration came from; empty when it was given in code (tests, the demo)
     * @param accounts the live account table the front end authenticates against (thread-safe, updated in place)
     * @param sha2Cache accounts with a cached caching_sha2_password fast path, forgotten when passwords may change
     */
    public ConfigReloader(Optional<Path> source, ShardwireConfig config, AtomicReference<ShardMap> shardMap,
                          PlanCache plans, TableSchemaCache schemas, Map<String, Account> accounts, Set<String> sha2Cache) {
        this.source = source;
        this.current = new AtomicReference<>(config);
        this.shardMap = shardMap;
        this.plans = plans;
        this.schemas = schemas;
        this.accounts = accounts;
        this.sha2Cache = sha2Cache;
    }

    public Optional<Path> source() {
        return source;
    }

    public long loadedAtMillis() {
        return loadedAtMillis;
    }

    /** The grants of the proxy login {@code user} in the configuration in force; empty when there is no such login. */
    public java.util.Optional<io.shardwire.server.session.Grants> grantsOf(String user) {
        return java.util.Optional.ofNullable(accounts.get(user)).map(Account::grants);
    }

    /** The accounts a configuration defines, by name. */
    public static Map<String, Account> accountsOf(ShardwireConfig config) {
        Map<String, Account> accounts = new HashMap<>();
        for (UserConfig user : config.users()) {
            // the configuration's names for auth_plugin are the protocol's plugin names
            accounts.put(user.name(), new Account(user.name(), user.password(), user.authPlugin(), user.admin(),
                    user.passwordIsHash(), user.requireTls(), user.databases(), user.readOnly()));
        }
        return accounts;
    }

    /** Reloads the file; a refusal is a ProxyException naming the problem, and nothing changed. */
    public synchronized Outcome reload() {
        Path file = source.orElseThrow(() -> ProxyError.RELOAD_REFUSED.exception(
                "this proxy was started without a configuration file (demo or embedded); there is nothing to re-read"));
        ShardwireConfig next;
        try {
            next = ConfigLoader.load(file);
        } catch (ConfigException e) {
            throw ProxyError.RELOAD_REFUSED.exception(e.getMessage());
        }
        ShardwireConfig running = current.get();
        if (!next.server().equals(running.server())) {
            throw ProxyError.RELOAD_REFUSED.exception(file + ": the server: section changed; listener, pool and TLS"
                    + " settings apply at start only: restart shardwire to apply them");
        }
        if (!next.backends().equals(running.backends())) {
            throw ProxyError.RELOAD_REFUSED.exception(file + ": the backends: section changed (shards or their addresses);"
                    + " backends are connected at start only: restart shardwire to apply it");
        }
        ShardMap map = ShardMap.from(next, shardMap.get().version() + 1);
        shardMap.set(map);
        plans.clear();
        schemas.invalidate(null, null);
        Map<String, Account> nextAccounts = accountsOf(next);
        accounts.putAll(nextAccounts);
        accounts.keySet().retainAll(nextAccounts.keySet());
        sha2Cache.clear();
        current.set(next);
        loadedAtMillis = System.currentTimeMillis();
        int tables = map.databases().values().stream().mapToInt(d -> d.tables().size()).sum();
        log.info("reloaded {}: shard map version {}, {} database(s), {} table rule(s), {} user(s)", file, map.version(),
                map.databases().size(), tables, nextAccounts.size());
        return new Outcome(map.version(), map.databases().size(), tables, nextAccounts.size());
    }
}
