package io.shardwire.router.route;

import io.shardwire.router.sql.SqlTokenizer;
import io.shardwire.router.sql.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the text of every parenthesised subquery ({@code (SELECT ...)}, {@code (WITH ...)}) of a statement
 * from its tokens, outermost first, so each can be routed on its own.
 */
final class SubquerySpans {
    private SubquerySpans() {
    }

    /**
     * Texts of the outermost subqueries inside {@code sql} (not {@code sql} itself); deeper ones are found
     * when each of these is routed in turn, with its own outer tables.
     */
    static List<String> of(String sql) {
        List<Token> tokens = SqlTokenizer.tokenize(sql);
        List<String> spans = new ArrayList<>();
        int skipUntil = -1;
        for (int i = 0; i + 1 < tokens.size(); i++) {
            if (i < skipUntil) {
                continue;
            }
            if (tokens.get(i).isSymbol("(") && (tokens.get(i + 1).isWord("SELECT") || tokens.get(i + 1).isWord("WITH"))) {
                int depth = 0;
                for (int j = i; j < tokens.size(); j++) {
                    if (tokens.get(j).isSymbol("(")) {
                        depth++;
                    } else if (tokens.get(j).isSymbol(")") && --depth == 0) {
                        spans.add(sql.substring(tokens.get(i + 1).start(), tokens.get(j).start()));
                        skipUntil = j;
                        break;
                    }
                }
            }
        }
        return spans;
    }

    static boolean hasSubquery(String sql) {
        return !of(sql).isEmpty();
    }
}
