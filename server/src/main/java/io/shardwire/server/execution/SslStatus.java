package io.shardwire.server.execution;

import io.shardwire.router.sql.SqlTokenizer;
import io.shardwire.router.sql.Token;
import io.shardwire.router.sql.TokenType;
import io.shardwire.server.session.ClientTls;
import io.shardwire.server.session.Session;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code SHOW [SESSION] STATUS LIKE 'Ssl...'}: the client's TLS to the proxy. The backend would describe its own
 * pooled connection, which is plain, and so print empty values over an encrypted client connection; clients and
 * operators ask exactly this to learn whether their link is encrypted ({@code SHOW STATUS LIKE 'Ssl_cipher'}).
 * Answered here only when the pattern can match nothing but {@code Ssl_} names ({@code 'Ssl%'},
 * {@code 'Ssl_version'}); other patterns and {@code SHOW GLOBAL STATUS} go to the backend as before. The
 * backend's global counters ({@code Ssl_accepts} ...) describe connections the proxy does not make, so they are
 * left out. Stateless.
 */
final class SslStatus {
    private SslStatus() {
    }

    /** The rows for {@code sql} (a SHOW whose words are {@code what}), or null when the backend should answer. */
    static LocalResult answer(Session session, String what, String sql) {
        if (!List.of("STATUS LIKE", "SESSION STATUS LIKE", "LOCAL STATUS LIKE").contains(what)) {
            return null;
        }
        List<Token> tokens = SqlTokenizer.tokenize(sql);
        int like = what.split(" ").length;
        if (tokens.size() != like + 2 || tokens.get(like + 1).type() != TokenType.STRING) {
            return null;
        }
        String pattern = tokens.get(like + 1).text();
        if (!literalPrefix(pattern).toLowerCase(Locale.ROOT).startsWith("ssl")) {
            return null;
        }
        Pattern matcher = Pattern.compile(LikePattern.toRegex(pattern), Pattern.DOTALL);
        ClientTls tls = session.clientTls();
        LocalResult.Builder b = LocalResult.builder().text("Variable_name").text("Value");
        // in the servers' order, which is alphabetical
        String[][] rows = {{"Ssl_cipher", tls.cipher()}, {"Ssl_cipher_list", tls.cipherList()},
                {"Ssl_server_not_after", tls.notAfter()}, {"Ssl_server_not_before", tls.notBefore()},
                {"Ssl_version", tls.version()}};
        for (String[] row : rows) {
            if (matcher.matcher(row[0]).matches()) {
                b.row(row[0], row[1]);
            }
        }
        return b.build();
    }

    /** The text before the first unescaped {@code %} or {@code _}: every name the pattern matches starts with it. */
    private static String literalPrefix(String pattern) {
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                prefix.append(pattern.charAt(++i));
            } else if (c == '%' || c == '_') {
                break;
            } else {
                prefix.append(c);
            }
        }
        return prefix.toString();
    }
}
