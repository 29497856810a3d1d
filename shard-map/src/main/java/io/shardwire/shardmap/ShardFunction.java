package io.shardwire.shardmap;

/**
 * The first of the two mappings: a shard-key value to the point that the table's map (forwarding
 * table or range list) looks up. It never changes for a table; resharding changes only the map.
 */
public sealed interface ShardFunction {

    KeyFunction keyFunction();

    /**
     * {@code shard_by: hash}: the keyspace id is XXH64 (seed 0) of the UTF-8 bytes of the value's
     * canonical form ({@link KeyType#canonical}), read as an unsigned 64-bit number.
     */
    record Hash(KeyFunction keyFunction) implements ShardFunction {
        public KeyspaceId keyspaceId(Object value, KeyType columnType) {
            Object routing = keyFunction.extract(value, columnType);
            byte[] bytes = keyFunction.extractedType(columnType).canonicalBytes(routing);
            return new KeyspaceId(XxHash64.hash(bytes));
        }
    }

    /** {@code shard_by: range}: the value itself, ordered by its type, against the table's bounds. */
    record Range(KeyFunction keyFunction) implements ShardFunction {
        public Object routingValue(Object value, KeyType columnType) {
            return keyFunction.extract(value, columnType);
        }

        public KeyType routingType(KeyType columnType) {
            return keyFunction.extractedType(columnType);
        }
    }
}
