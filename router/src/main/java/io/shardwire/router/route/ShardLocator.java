package io.shardwire.router.route;

import io.shardwire.shardmap.ForwardingTable;
import io.shardwire.shardmap.KeyType;
import io.shardwire.shardmap.KeyspaceId;
import io.shardwire.shardmap.RangeBound;
import io.shardwire.shardmap.ShardMap;
import io.shardwire.shardmap.TableRule;
import java.util.Locale;

/**
 * Where one shard-key value of a table lives (Gizzard's {@code lookup}): for a hash table the value's keyspace id
 * and the key range of the forwarding table that holds it, for a range table the configured range. What SHOW SHARD
 * FOR answers and EXPLAIN ROUTE shows per key value. Pure.
 */
public final class ShardLocator {

    /**
     * @param keyspaceId the value's 64-bit point, for hash tables; null for range tables
     * @param rangeStart the start of the range holding it (inclusive; "" for the first range)
     * @param rangeEnd the end of that range (exclusive; "" for the last)
     */
    public record Location(String database, String table, String shardBy, String key, String value, String keyspaceId,
                           String shard, String rangeStart, String rangeEnd) {
    }

    private ShardLocator() {
    }

    /**
     * Locates {@code value} of {@code database.table}'s shard key ({@code database} null: the session's).
     *
     * @throws RouteException when the table has no sharding rule, is a broadcast table, its key type is not known
     *         yet, or the value does not convert to it
     */
    public static Location locate(ShardMap map, TableSchemas schemas, String sessionDatabase, String database, String table,
                                  String value) {
        RoutingContext context = new RoutingContext(map, schemas, sessionDatabase, new KeyTrace());
        TableRef ref = context.table(database, table, null);
        if (ref.database() == null) {
            throw RouteException.unsupported("SHOW SHARD FOR " + table + " without a database: USE one or name it as db.table");
        }
        TableRule rule = ref.rule().orElseThrow(() -> RouteException.unsupported("SHOW SHARD FOR " + ref.database() + "."
                + ref.table() + ": the table has no sharding rule; it lives on shard " + context.defaultShard(ref.database())));
        if (rule instanceof TableRule.Broadcast b) {
            throw RouteException.unsupported("SHOW SHARD FOR " + ref.table() + ": a broadcast table has a copy on every shard " + b.shards());
        }
        return locate(ref.database(), rule, context.keyType(ref), value);
    }

    /**
     * Locates {@code value} of a sharded table's key, of type {@code keyType}.
     *
     * @throws RouteException when the value does not convert to the key's type
     */
    public static Location locate(String database, TableRule rule, KeyType keyType, String value) {
        String shardBy = rule.shardBy().name().toLowerCase(Locale.ROOT);
        String key = rule.key().orElse("");
        try {
            return switch (rule) {
                case TableRule.HashSharded h -> {
                    KeyspaceId id = h.function().keyspaceId(value, keyType);
                    ForwardingTable.Entry entry = h.forwarding().entries().stream().filter(e -> e.range().contains(id))
                            .findFirst().orElseThrow();
                    yield new Location(database, rule.table(), shardBy, key, value, id.toString(), entry.shard(),
                            entry.range().start().toString(), entry.range().end().map(KeyspaceId::toString).orElse(""));
                }
                case TableRule.RangeSharded r -> {
                    Object routing = r.function().routingValue(value, keyType);
                    KeyType type = r.function().routingType(keyType);
                    String start = "";
                    String end = "";
                    for (RangeBound bound : r.ranges().bounds()) {
                        if (bound.below() == null || type.compare(routing, bound.below()) < 0) {
                            end = bound.below() == null ? "" : bound.below();
                            break;
                        }
                        start = bound.below();
                    }
                    yield new Location(database, rule.table(), shardBy, key, value, null, r.shardFor(value, keyType), start, end);
                }
                case TableRule.Broadcast b -> throw RouteException.unsupported("locating a key of broadcast table " + b.table()
                        + ": it has a copy on every shard " + b.shards());
            };
        } catch (IllegalArgumentException e) {
            throw RouteException.unsupported("the value " + value + " of " + rule.table() + "." + key + ", which is not a valid "
                    + keyType.valueType() + " (" + e.getMessage() + ")");
        }
    }
}
