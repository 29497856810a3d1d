package io.shardwire.router.route;

import io.shardwire.router.sql.Token;
import io.shardwire.shardmap.TableRule;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * DDL, routed from tokens because the SQL parser does not read every DDL form MariaDB accepts: a statement
 * on a sharded or broadcast table goes to every shard holding it, one on an unsharded table to its
 * database's default shard, CREATE/DROP/ALTER DATABASE to every shard (a logical database exists on each).
 */
final class DdlRouter {
    private final RoutingContext context;

    DdlRouter(RoutingContext context) {
        this.context = context;
    }

    Route route(String sql, List<Token> tokens) {
        long version = context.map().version();
        if (isDatabaseStatement(tokens)) {
            return fanout(version, sql, context.map().shards());
        }
        List<TableRef> tables = tablesOf(tokens);
        boolean renames = renamesTable(tokens);
        // checked before anything else: CREATE VIEW/TRIGGER name no table where tablesOf looks
        for (Token t : tokens) {
            if (t.isName() && tables.stream().noneMatch(x -> x.table().equalsIgnoreCase(t.text()))) {
                TableRef mentioned = context.table(null, t.text(), null);
                if (mentioned.rule().isPresent()) {
                    throw RouteException.unsupported("DDL that refers to the sharded or broadcast table "
                            + mentioned.table() + " (a view, trigger, routine or CREATE ... SELECT over it would see one shard only)");
                }
            }
        }
        if (tables.isEmpty()) {
            // a view, routine or trigger: it lives where the database its name is qualified with lives
            Set<String> others = context.otherDefaultShards(tokens);
            if (others.size() > 1) {
                throw RouteException.unsupported("DDL that names objects of databases on different default shards " + others
                        + "; run it with USE of the database it belongs to");
            }
            String shard = others.isEmpty() ? context.defaultShard() : others.iterator().next();
            return new Route.Single(version, Route.Variant.DEFAULT_SHARD, shard, sql);
        }
        Set<List<String>> placements = new LinkedHashSet<>();
        for (TableRef table : tables) {
            if (table.rule().isPresent() && renames) {
                throw RouteException.unsupported("renaming the sharded or broadcast table " + table.table()
                        + ": the shard map names it; change the configuration instead");
            }
            placements.add(table.rule().map(TableRule::shards).orElse(List.of(context.defaultShard(table.database()))));
        }
        if (placements.size() > 1) {
            throw RouteException.unsupported("one DDL statement on tables that live on different shards ("
                    + tables.stream().map(TableRef::table).toList() + "); run one statement per table");
        }
        List<String> shards = placements.iterator().next();
        if (shards.size() == 1) {
            return new Route.Single(version, tables.get(0).rule().isPresent() ? Route.Variant.DDL_FANOUT
                    : Route.Variant.DEFAULT_SHARD, shards.get(0), sql);
        }
        return fanout(version, sql, shards);
    }

    private static Route fanout(long version, String sql, List<String> shards) {
        List<Route.ShardSql> statements = new ArrayList<>();
        for (String shard : shards) {
            statements.add(new Route.ShardSql(shard, sql));
        }
        return new Route.Fanout(version, Route.Variant.DDL_FANOUT, statements);
    }

    private static boolean isDatabaseStatement(List<Token> tokens) {
        int i = 1;
        if (tokens.size() > i && tokens.get(i).isWord("OR")) {
            i += 2;
        }
        return tokens.size() > i && (tokens.get(i).isWord("DATABASE") || tokens.get(i).isWord("SCHEMA"));
    }

    /**
     * The tables a DDL statement names, found after TABLE / ON / TO keywords (and right after TRUNCATE, whose
     * TABLE is optional). ON DELETE / ON UPDATE of a foreign key and the TO of a column or index rename
     * name no table.
     */
    private List<TableRef> tablesOf(List<Token> tokens) {
        List<TableRef> tables = new ArrayList<>();
        boolean renamesTable = renamesTable(tokens);
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
            boolean tableList = t.isWord("TABLE") || t.isWord("TABLES")
                    || (i == 0 && t.isWord("TRUNCATE") && next != null && !next.isWord("TABLE"));
            boolean onTable = t.isWord("ON") && i > 0 && mentionsIndex(tokens, i)
                    && next != null && !next.isWord("DELETE") && !next.isWord("UPDATE");
            boolean single = onTable || (t.isWord("TO") && renamesTable)
                    || (t.isWord("LIKE") && containsWord(tokens, "CREATE")) || (t.isWord("REFERENCES"));
            if (!tableList && !single) {
                continue;
            }
            int j = i + 1;
            while (j < tokens.size() && (tokens.get(j).isWord("IF") || tokens.get(j).isWord("NOT") || tokens.get(j).isWord("EXISTS"))) {
                j++;
            }
            while (j < tokens.size() && tokens.get(j).isName()) {
                String schema = null;
                String name = tokens.get(j).text();
                if (j + 2 < tokens.size() && tokens.get(j + 1).isSymbol(".") && tokens.get(j + 2).isName()) {
                    schema = name;
                    name = tokens.get(j + 2).text();
                    j += 2;
                }
                tables.add(context.table(schema, name, null));
                j++;
                if (!tableList || j >= tokens.size() || !tokens.get(j).isSymbol(",")) {
                    break;
                }
                j++;
            }
        }
        return tables;
    }

    private static boolean mentionsIndex(List<Token> tokens, int before) {
        for (int k = 0; k < before; k++) {
            if (tokens.get(k).isWord("INDEX") || tokens.get(k).isWord("KEY")) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsWord(List<Token> tokens, String word) {
        return tokens.stream().anyMatch(t -> t.isWord(word));
    }

    /** RENAME TABLE, or ALTER TABLE ... RENAME [TO|AS] x; renaming a column or index is fine. */
    private static boolean renamesTable(List<Token> tokens) {
        if (tokens.get(0).isWord("RENAME")) {
            return true;
        }
        for (int i = 0; i + 1 < tokens.size(); i++) {
            Token next = tokens.get(i + 1);
            if (tokens.get(i).isWord("RENAME") && !next.isWord("COLUMN") && !next.isWord("INDEX") && !next.isWord("KEY")) {
                return true;
            }
        }
        return false;
    }
}
