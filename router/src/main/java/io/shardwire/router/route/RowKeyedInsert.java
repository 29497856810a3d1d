package io.shardwire.router.route;

import io.shardwire.router.sql.SqlDigest;
import io.shardwire.router.sql.SqlTokenizer;
import io.shardwire.router.sql.Token;
import io.shardwire.shardmap.KeyType;
import io.shardwire.shardmap.TableRule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The plan-cache template of a multi-row {@code INSERT ... VALUES} into a sharded table whose rows are all
 * literals: which literal of each row is its shard key. The next INSERT of the same shape (same table, columns
 * and number of rows) is sent where its rows' keys say, one shard as written or split by shard as the router does
 * ({@link InsertRouter#split}), without JSqlParser: bulk loads arrive as many INSERTs of one shape.
 *
 * <p>Because the shape fixes every token but the literals, "every item of every row is one literal" and "the key is
 * item {@code k}" hold for every statement of the shape once they hold for one. Statements with RETURNING or a
 * subquery are left to the full router: whether they may run depends on how many and which shards the rows
 * fall on.
 *
 * @param keySlots for each row, the index (among the statement's literals) of its key value
 * @param shards the shards the full router sent rows of this shape to; a row for another shard is routed in full
 */
record RowKeyedInsert(long mapVersion, TableRule rule, KeyType keyType, int[] keySlots, Set<String> shards) {

    RowKeyedInsert {
        keySlots = keySlots.clone();
        shards = Set.copyOf(shards);
    }

    /** The template the full router's route implies, or null when the statement is not of this simple form. */
    static RowKeyedInsert of(Route route, String sql, SqlDigest digest, List<KeyTrace.KeyLookup> lookups) {
        boolean split = route instanceof Route.Fanout f && f.variant() == Route.Variant.INSERT_SPLIT;
        boolean single = route instanceof Route.Single s && s.variant() == Route.Variant.KEYED && s.sql().equals(sql);
        if (!split && !single || lookups.size() < 2 || SubquerySpans.hasSubquery(sql)) {
            return null;
        }
        List<Token> tokens = SqlTokenizer.tokenize(sql);
        if (tokens.stream().anyMatch(t -> t.isWord("RETURNING"))) {
            return null; // allowed on one shard only: whether it is allowed depends on how the rows fall
        }
        List<List<Integer>> rows = rowLiterals(tokens, digest);
        if (rows == null || rows.size() != lookups.size()) {
            return null;
        }
        TableRule rule = lookups.get(0).rule();
        KeyType keyType = lookups.get(0).keyType();
        for (KeyTrace.KeyLookup lookup : lookups) {
            if (lookup.kind() != KeyTrace.Kind.VALUES || lookup.values().size() != 1 || !lookup.rule().equals(rule)
                    || !lookup.keyType().equals(keyType)) {
                return null;
            }
        }
        int item = keyItem(rows, lookups, digest);
        if (item < 0) {
            return null;
        }
        int[] slots = new int[rows.size()];
        Set<String> shards = new HashSet<>();
        for (int r = 0; r < rows.size(); r++) {
            slots[r] = rows.get(r).get(item);
            shards.addAll(lookups.get(r).shards());
        }
        return new RowKeyedInsert(route.mapVersion(), rule, keyType, slots, shards);
    }

    /** The same template, having also seen {@code more} shards. */
    RowKeyedInsert with(Set<String> more) {
        Set<String> all = new HashSet<>(shards);
        all.addAll(more);
        return new RowKeyedInsert(mapVersion, rule, keyType, keySlots, all);
    }

    /** The route of a statement of this shape; null when a key does not convert or leads to a shard not seen yet. */
    Route route(String sql, SqlDigest digest) {
        List<String> rowShards = new ArrayList<>(keySlots.length);
        for (int slot : keySlots) {
            String shard;
            try {
                shard = ShardResolver.shardFor(rule, PlanCache.valueOf(digest.literals().get(slot)), keyType);
            } catch (IllegalArgumentException e) {
                return null; // the full router refuses it with its message
            }
            if (shard == null || !shards.contains(shard)) {
                return null;
            }
            rowShards.add(shard);
        }
        if (new LinkedHashSet<>(rowShards).size() == 1) {
            return new Route.Single(mapVersion, Route.Variant.KEYED, rowShards.get(0), sql);
        }
        return InsertRouter.split(sql, rowShards, mapVersion);
    }

    /** The item index that holds each row's key value in every row, if exactly one does. */
    private static int keyItem(List<List<Integer>> rows, List<KeyTrace.KeyLookup> lookups, SqlDigest digest) {
        int width = rows.get(0).size();
        int found = -1;
        for (int item = 0; item < width; item++) {
            boolean all = true;
            for (int r = 0; r < rows.size() && all; r++) {
                SqlDigest.Literal literal = digest.literals().get(rows.get(r).get(item));
                all = literal.kind() != SqlDigest.LiteralKind.OTHER_NUMBER
                        && lookups.get(r).values().get(0).equals(PlanCache.valueOf(literal));
            }
            if (all) {
                if (found >= 0) {
                    return -1; // two columns hold the same values: which is the key is not known here
                }
                found = item;
            }
        }
        return found;
    }

    /**
     * For each row tuple after VALUES, the indexes of its literals, when every item of every row is exactly one
     * literal (a sign included) and all rows are equally wide; else null.
     */
    private static List<List<Integer>> rowLiterals(List<Token> tokens, SqlDigest digest) {
        int i = InsertRouter.valuesKeyword(tokens);
        if (i < 0) {
            return null;
        }
        List<List<Integer>> rows = new ArrayList<>();
        int literal = 0;
        i++;
        while (i < tokens.size() && tokens.get(i).isSymbol("(")) {
            List<Integer> row = new ArrayList<>();
            i++;
            while (true) {
                if (i >= tokens.size()) {
                    return null;
                }
                while (literal < digest.literals().size() && digest.literals().get(literal).end() <= tokens.get(i).start()) {
                    literal++;
                }
                if (literal >= digest.literals().size()) {
                    return null;
                }
                SqlDigest.Literal l = digest.literals().get(literal);
                if (l.start() != tokens.get(i).start()) {
                    return null; // this item does not start with a literal
                }
                row.add(literal);
                i += l.start() == l.token().start() ? 1 : 2; // a folded sign is a token of its own
                if (i < tokens.size() && tokens.get(i).isSymbol(",")) {
                    i++;
                } else if (i < tokens.size() && tokens.get(i).isSymbol(")")) {
                    i++;
                    break;
                } else {
                    return null; // the item goes on: an expression, not a literal
                }
            }
            if (!rows.isEmpty() && rows.get(0).size() != row.size()) {
                return null;
            }
            rows.add(row);
            if (i < tokens.size() && tokens.get(i).isSymbol(",")) {
                i++;
            } else {
                break;
            }
        }
        return rows.isEmpty() ? null : rows;
    }
}
