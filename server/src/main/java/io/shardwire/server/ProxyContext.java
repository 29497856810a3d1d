package io.shardwire.server;

import io.shardwire.server.backend.Backends;
import io.shardwire.server.backend.Shard;
import io.shardwire.server.metrics.ProxyMetrics;
import io.shardwire.server.session.SessionRegistry;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import io.shardwire.router.route.PlanCache;
import io.shardwire.server.schema.TableSchemaCache;
import io.shardwire.shardmap.ShardMap;

/**
 * What every session shares: the live sessions, the backend pools, the logical databases and the
 * announced server version. Immutable references; the objects behind them are thread-safe.
 *
 * @param defaultShards logical database (lower case) -> the shard its unsharded tables live on
 * @param shardMap the current shard map; replaced as a whole (one atomic swap) when it changes
 * @param schemas column names and key types of routed tables, from the backends
 * @param plans routes remembered by statement shape; cleared on DDL and when the shard map changes
 */
public record ProxyContext(SessionRegistry sessions, Backends backends, Map<String, String> defaultShards,
                           List<ShardedTableInfo> shardedTables, String serverVersion, ProxyMetrics metrics,
                           int maxConnections, AtomicReference<ShardMap> shardMap, TableSchemaCache schemas,
                           PlanCache plans) {

    /** One row of SHOW SHARDED TABLES. */
    public record ShardedTableInfo(String database, String table, String shardBy, String key) {
    }

    public ProxyContext {
        defaultShards = Map.copyOf(defaultShards);
        shardedTables = List.copyOf(shardedTables);
    }

    /** The shard that serves a session's statements while every statement passes through to one shard. */
    public Shard shardFor(String schema) {
        String shard = schema == null ? null : defaultShards.get(schema.toLowerCase(Locale.ROOT));
        return shard == null ? backends.first() : backends.shard(shard);
    }
}
