package io.shardwire.router.route;

import io.shardwire.router.sql.SqlTokenizer;
import io.shardwire.router.sql.Token;

/**
 * MariaDB's {@code INSERT/REPLACE/DELETE ... RETURNING} answers with rows. A write on several shards is answered
 * with the sum of the shards' affected-row counts, so its returned rows would be lost: refused until fan-outs
 * merge result sets.
 */
final class Returning {
    private Returning() {
    }

    static void check(String sql, Route route, String what) {
        if (!(route instanceof Route.Fanout fanout)) {
            return;
        }
        int depth = 0;
        for (Token t : SqlTokenizer.tokenize(sql)) {
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
            } else if (depth == 0 && t.isWord("RETURNING")) {
                throw RouteException.unsupported(what + " with RETURNING on " + fanout.statements().size()
                        + " shards: the rows each shard returns cannot be merged yet; write one shard's rows at a time");
            }
        }
    }
}
