package io.shardwire.server;

import io.shardwire.router.route.PlanCache;
import io.shardwire.server.backend.Backends;
import io.shardwire.server.backend.Shard;
import io.shardwire.server.frontend.LoginThrottle;
import io.shardwire.server.metrics.ProxyMetrics;
import io.shardwire.server.metrics.QueryDigests;
import io.shardwire.server.metrics.SlowQueryLog;
import java.util.Optional;
import io.shardwire.server.schema.TableSchemaCache;
import io.shardwire.server.session.SessionRegistry;
import io.shardwire.shardmap.LogicalDatabase;
import io.shardwire.shardmap.ShardMap;
import io.shardwire.shardmap.TableRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What every session shares: the live sessions, the backend pools, the shard map and what is derived from it,
 * the announced server version, metrics and statistics. Immutable references; the objects behind them are
 * thread-safe.
 *
 * @param shardMap the current shard map; replaced as a whole (one atomic swap) when it changes
 * @param schemas column names and key types of routed tables, from the backends
 * @param plans routes remembered by statement shape; cleared on DDL and when the shard map changes
 * @param digests statistics per statement digest (SHOW QUERY DIGESTS)
 * @param config the configuration file and what RELOAD CONFIG does with it
 * @param slowQueries the slow-query log, when the configuration asks for one
 * @param loginThrottle failed logins per client address (FLUSH HOSTS clears it)
 * @param statementBudget heap that large statements in planning may use at once
 */
public record ProxyContext(SessionRegistry sessions, Backends backends, String serverVersion, ProxyMetrics metrics,
                           int maxConnections, AtomicReference<ShardMap> shardMap, TableSchemaCache schemas,
                           PlanCache plans, QueryDigests digests, ConfigReloader config,
                           Optional<SlowQueryLog> slowQueries, LoginThrottle loginThrottle,
                           io.shardwire.server.execution.StatementBudget statementBudget) {

    /** One row of SHOW SHARDED TABLES. */
    public record ShardedTableInfo(String database, String table, String shardBy, String key) {
    }

    /** The shard that serves a session's statements while every statement passes through to one shard. */
    public Shard shardFor(String schema) {
        LogicalDatabase db = schema == null ? null : shardMap.get().findDatabase(schema).orElse(null);
        return db == null ? backends.first() : backends.shard(db.defaultShard());
    }

    /** Every table with a rule in the current shard map, in configuration order. */
    public List<ShardedTableInfo> shardedTables() {
        List<ShardedTableInfo> tables = new ArrayList<>();
        for (LogicalDatabase db : shardMap.get().databases().values()) {
            for (TableRule rule : db.tables().values()) {
                tables.add(new ShardedTableInfo(db.name(), rule.table(), rule.shardBy().name().toLowerCase(Locale.ROOT),
                        rule.key().orElse(null)));
            }
        }
        return tables;
    }
}
