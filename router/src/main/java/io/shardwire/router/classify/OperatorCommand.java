package io.shardwire.router.classify;

import io.shardwire.router.sql.Token;
import io.shardwire.router.sql.TokenType;
import java.util.List;
import java.util.Optional;

/**
 * The operator statements shardwire answers itself, beyond the contract's SHOW SHARDS, SHOW BACKENDS, SHOW SHARDED
 * TABLES and EXPLAIN ROUTE. Keywords are case-insensitive; anything that does not match exactly is left to the
 * backend (which will say it does not know the statement).
 */
public sealed interface OperatorCommand {

    /** {@code SHOW SHARD FOR [db.]table KEY value}: where a key's rows live (Gizzard's lookup). */
    record ShowShardFor(String database, String table, String value, boolean stringLiteral) implements OperatorCommand {
    }

    /** {@code SHOW QUERY DIGESTS}: statistics per normalized statement. */
    record ShowQueryDigests() implements OperatorCommand {
    }

    /** {@code RESET QUERY DIGESTS} (admin). */
    record ResetQueryDigests() implements OperatorCommand {
    }

    /** {@code SHOW PROXY STATUS}: version, uptime, sessions, rates, configuration. */
    record ShowProxyStatus() implements OperatorCommand {
    }

    /** {@code RELOAD CONFIG} (admin): re-read the configuration file. */
    record ReloadConfig() implements OperatorCommand {
    }

    /**
     * {@code FLUSH HOSTS} (admin): unblocks every client address that login throttling blocked, as MySQL's does for
     * its host cache. The backends' own host caches are not touched.
     */
    record FlushHosts() implements OperatorCommand {
    }

    /** Whether only users with {@code admin: true} may run it: statements that change the proxy. */
    default boolean adminOnly() {
        return this instanceof ResetQueryDigests || this instanceof ReloadConfig || this instanceof FlushHosts;
    }

    /** The command these tokens spell, if any; trailing semicolons are ignored. */
    static Optional<OperatorCommand> parse(List<Token> all) {
        List<Token> tokens = withoutTrailingSemicolons(all);
        if (words(tokens, "SHOW", "QUERY", "DIGESTS")) {
            return Optional.of(new ShowQueryDigests());
        }
        if (words(tokens, "RESET", "QUERY", "DIGESTS")) {
            return Optional.of(new ResetQueryDigests());
        }
        if (words(tokens, "SHOW", "PROXY", "STATUS")) {
            return Optional.of(new ShowProxyStatus());
        }
        if (words(tokens, "RELOAD", "CONFIG")) {
            return Optional.of(new ReloadConfig());
        }
        if (words(tokens, "FLUSH", "HOSTS")) {
            return Optional.of(new FlushHosts());
        }
        return showShardFor(tokens);
    }

    private static Optional<OperatorCommand> showShardFor(List<Token> t) {
        if (t.size() < 6 || !t.get(0).isWord("SHOW") || !t.get(1).isWord("SHARD") || !t.get(2).isWord("FOR") || !t.get(3).isName()) {
            return Optional.empty();
        }
        int i = 3;
        String database = null;
        String table = t.get(i).text();
        if (i + 2 < t.size() && t.get(i + 1).isSymbol(".") && t.get(i + 2).isName()) {
            database = table;
            table = t.get(i + 2).text();
            i += 2;
        }
        if (i + 2 >= t.size() || !t.get(i + 1).isWord("KEY")) {
            return Optional.empty();
        }
        Token first = t.get(i + 2);
        String value;
        int end;
        if ((first.isSymbol("-") || first.isSymbol("+")) && i + 3 < t.size() && t.get(i + 3).type() == TokenType.NUMBER) {
            value = (first.isSymbol("-") ? "-" : "") + t.get(i + 3).text();
            end = i + 4;
        } else if (first.type() == TokenType.NUMBER || first.type() == TokenType.STRING) {
            value = first.text();
            end = i + 3;
        } else {
            return Optional.empty();
        }
        if (end != t.size()) {
            return Optional.empty();
        }
        return Optional.of(new ShowShardFor(database, table, value, first.type() == TokenType.STRING));
    }

    private static boolean words(List<Token> tokens, String... words) {
        if (tokens.size() != words.length) {
            return false;
        }
        for (int i = 0; i < words.length; i++) {
            if (!tokens.get(i).isWord(words[i])) {
                return false;
            }
        }
        return true;
    }

    private static List<Token> withoutTrailingSemicolons(List<Token> tokens) {
        int n = tokens.size();
        while (n > 0 && tokens.get(n - 1).isSymbol(";")) {
            n--;
        }
        return tokens.subList(0, n);
    }
}
