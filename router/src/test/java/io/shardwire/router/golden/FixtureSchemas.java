package io.shardwire.router.golden;

import io.shardwire.router.route.TableSchemas;
import io.shardwire.shardmap.KeyType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Table metadata from a compact fixture ({@code routes/schemas.txt}), standing in for what the server reads
 * from the backends' information_schema: column order and the routing type of each column.
 */
final class FixtureSchemas implements TableSchemas {
    private record Column(String name, KeyType type) {
    }

    private final Map<String, List<Column>> tables;

    private FixtureSchemas(Map<String, List<Column>> tables) {
        this.tables = tables;
    }

    /** Reads lines of the form {@code db.table: column type, column type, ...}; {@code #} starts a comment. */
    static FixtureSchemas parse(String text) {
        Map<String, List<Column>> tables = new LinkedHashMap<>();
        int lineNumber = 0;
        for (String line : text.lines().toList()) {
            lineNumber++;
            String content = line.strip();
            if (content.isEmpty() || content.startsWith("#")) {
                continue;
            }
            int colon = content.indexOf(':');
            if (colon < 0 || !content.substring(0, colon).contains(".")) {
                throw new IllegalArgumentException("schemas.txt line " + lineNumber + ": expected 'db.table: column type, ...'");
            }
            List<Column> columns = new ArrayList<>();
            for (String spec : content.substring(colon + 1).split(",")) {
                String[] parts = spec.strip().split("\\s+");
                if (parts.length != 2) {
                    throw new IllegalArgumentException("schemas.txt line " + lineNumber + ": expected 'column type', found '" + spec.strip() + "'");
                }
                columns.add(new Column(parts[0], type(parts[1], lineNumber)));
            }
            tables.put(content.substring(0, colon).strip().toLowerCase(Locale.ROOT), List.copyOf(columns));
        }
        return new FixtureSchemas(tables);
    }

    private static KeyType type(String name, int lineNumber) {
        return switch (name) {
            case "int" -> KeyType.INTEGER;
            case "decimal" -> KeyType.DECIMAL;
            case "date" -> KeyType.DATE;
            case "datetime" -> KeyType.DATETIME;
            case "varchar" -> KeyType.string(true, true);
            case "varbinary" -> KeyType.BINARY_STRING;
            default -> throw new IllegalArgumentException("schemas.txt line " + lineNumber + ": unknown type '" + name + "'");
        };
    }

    @Override
    public Optional<KeyType> keyType(String database, String table, String column) {
        return table(database, table).stream()
                .filter(c -> c.name().equalsIgnoreCase(column))
                .map(Column::type)
                .findFirst();
    }

    @Override
    public List<String> columns(String database, String table) {
        return table(database, table).stream().map(Column::name).toList();
    }

    private List<Column> table(String database, String table) {
        if (database == null || table == null) {
            return List.of();
        }
        return tables.getOrDefault((database + "." + table).toLowerCase(Locale.ROOT), List.of());
    }
}
