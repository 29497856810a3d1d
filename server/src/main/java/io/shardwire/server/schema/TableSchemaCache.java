package io.shardwire.server.schema;

import io.shardwire.router.route.TableSchemas;
import io.shardwire.server.backend.BackendConnection;
import io.shardwire.server.backend.Backends;
import io.shardwire.shardmap.KeyType;
import io.shardwire.shardmap.ShardMap;
import io.shardwire.shardmap.ValueType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Column names and shard-key types of tables, read from a backend's information_schema the first time a
 * table is routed and forgotten after DDL through the proxy. Tables that do not exist yet are not cached.
 * Thread-safe.
 */
public final class TableSchemaCache implements TableSchemas {
    private static final Logger log = LoggerFactory.getLogger(TableSchemaCache.class);

    /** One table's columns in order and their routing types. */
    private record TableInfo(List<String> columns, Map<String, KeyType> types, Map<String, String> collations) {
    }

    private final Backends backends;
    private final Supplier<ShardMap> map;
    private final Map<String, TableInfo> tables = new ConcurrentHashMap<>();

    public TableSchemaCache(Backends backends, Supplier<ShardMap> map) {
        this.backends = backends;
        this.map = map;
    }

    @Override
    public Optional<KeyType> keyType(String database, String table, String column) {
        TableInfo info = load(database, table);
        return info == null ? Optional.empty() : Optional.ofNullable(info.types().get(column.toLowerCase(Locale.ROOT)));
    }

    @Override
    public List<String> columns(String database, String table) {
        TableInfo info = load(database, table);
        return info == null ? List.of() : info.columns();
    }

    /** The declared collation of a string column (e.g. utf8mb4_unicode_ci); empty for other columns or unknown tables. */
    public Optional<String> collation(String database, String table, String column) {
        if (database == null || database.isEmpty() || table == null || table.isEmpty() || column == null) {
            return Optional.empty();
        }
        TableInfo info = load(database, table);
        return info == null ? Optional.empty() : Optional.ofNullable(info.collations().get(column.toLowerCase(Locale.ROOT)));
    }

    /** Forgets what is known of a table (after DDL); null forgets everything. */
    public void invalidate(String database, String table) {
        if (database == null || table == null) {
            tables.clear();
        } else {
            tables.remove(key(database, table));
        }
    }

    private TableInfo load(String database, String table) {
        String key = key(database, table);
        TableInfo cached = tables.get(key);
        if (cached != null) {
            return cached;
        }
        TableInfo info = read(database, table);
        if (info != null) {
            tables.put(key, info);
        }
        return info;
    }

    private TableInfo read(String database, String table) {
        ShardMap snapshot = map.get();
        String shard = snapshot.rule(database, table).map(r -> r.shards().get(0))
                .orElseGet(() -> snapshot.database(database).map(d -> d.defaultShard()).orElse(snapshot.shards().get(0)));
        try {
            BackendConnection connection = backends.shard(shard).primary().borrow();
            try (PreparedStatement s = connection.jdbc().prepareStatement(
                    "SELECT COLUMN_NAME, DATA_TYPE, COLLATION_NAME FROM information_schema.COLUMNS"
                            + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
                s.setString(1, database);
                s.setString(2, table);
                List<String> columns = new ArrayList<>();
                Map<String, KeyType> types = new HashMap<>();
                Map<String, String> collations = new HashMap<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        String name = rs.getString(1).toLowerCase(Locale.ROOT);
                        columns.add(rs.getString(1));
                        types.put(name, keyType(rs.getString(2), rs.getString(3)));
                        if (rs.getString(3) != null) {
                            collations.put(name, rs.getString(3));
                        }
                    }
                }
                return columns.isEmpty() ? null : new TableInfo(List.copyOf(columns), Map.copyOf(types), Map.copyOf(collations));
            } finally {
                connection.pool().release(connection);
            }
        } catch (SQLException | RuntimeException e) {
            log.warn("could not read the columns of {}.{} from shard {}: {}", database, table, shard, e.getMessage());
            return null;
        }
    }

    /** The routing type of a column from its information_schema DATA_TYPE and COLLATION_NAME. */
    static KeyType keyType(String dataType, String collation) {
        return switch (dataType.toLowerCase(Locale.ROOT)) {
            case "tinyint", "smallint", "mediumint", "int", "integer", "bigint", "year", "bit" -> KeyType.INTEGER;
            case "decimal", "numeric", "float", "double", "real" -> KeyType.DECIMAL;
            case "date" -> KeyType.DATE;
            case "datetime", "timestamp" -> KeyType.DATETIME;
            case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob" -> KeyType.BINARY_STRING;
            default -> {
                String c = collation == null ? "" : collation.toLowerCase(Locale.ROOT);
                if (c.isEmpty() || c.equals("binary")) {
                    yield KeyType.of(ValueType.STRING);
                }
                yield KeyType.string(c.endsWith("_ci") || c.contains("_ci_") || c.endsWith("_ai_ci"), !c.contains("nopad"));
            }
        };
    }

    private static String key(String database, String table) {
        return database.toLowerCase(Locale.ROOT) + "." + table.toLowerCase(Locale.ROOT);
    }
}
