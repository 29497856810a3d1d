package io.shardwire.router.route;

import io.shardwire.shardmap.KeyType;
import java.util.List;
import java.util.Optional;

/**
 * What the router needs to know about tables that only the backends can tell: the type of a shard-key
 * column (so that {@code 42}, {@code '42'} and {@code 42.0} route alike on an integer key and strings follow
 * the column's collation) and the column order (for INSERT without a column list).
 */
public interface TableSchemas {

    /** The routing type of {@code column}; empty when the table or column is unknown. */
    Optional<KeyType> keyType(String database, String table, String column);

    /** The table's columns in order; empty when unknown. */
    List<String> columns(String database, String table);
}
