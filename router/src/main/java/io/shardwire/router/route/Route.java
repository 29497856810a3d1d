package io.shardwire.router.route;

import java.util.List;
import net.sf.jsqlparser.statement.select.Select;

/**
 * Where one statement runs. A route is a pure function of (statement, shard-map snapshot, table schemas);
 * {@link #mapVersion()} records the snapshot it was computed on.
 */
public sealed interface Route {

    long mapVersion();

    /** Why a statement went where it went, as EXPLAIN ROUTE shows it. */
    enum Variant {
        /** Tables without a rule: their database's default shard. */
        DEFAULT_SHARD,
        /** The shard key's value(s) in the statement name exactly one shard. */
        KEYED,
        /** Only broadcast (and unsharded) tables are read: one copy answers. */
        BROADCAST_READ,
        /** Several but not all shards (IN list, range). */
        SUBSET,
        /** Every shard of the table. */
        SCATTER,
        /** A multi-row INSERT split by shard. */
        INSERT_SPLIT,
        /** A write to a broadcast table: every shard, same statement. */
        BROADCAST_WRITE,
        /** DDL on a sharded or broadcast table: every shard. */
        DDL_FANOUT
    }

    /** One statement on one shard, sent as written: its result is the client's result. */
    record Single(long mapVersion, Variant variant, String shard, String sql) implements Route {
    }

    /**
     * A SELECT whose rows come from several shards and must be merged. The parsed statement goes to the
     * rewriter, which produces the per-shard SQL and the merge; {@code select} is owned by this route.
     */
    record Scatter(long mapVersion, Variant variant, List<String> shards, String sql, Select select) implements Route {
        public Scatter {
            shards = List.copyOf(shards);
        }
    }

    /**
     * A write or DDL on several shards; the affected-row counts are summed (for broadcast writes every shard
     * must report the same count: a difference means the copies diverged and is an error).
     */
    record Fanout(long mapVersion, Variant variant, List<ShardSql> statements) implements Route {
        public Fanout {
            statements = List.copyOf(statements);
        }
    }

    /** One shard's SQL. */
    record ShardSql(String shard, String sql) {
    }
}
