package io.shardwire.server.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.shardwire.router.classify.FrontendStatement;
import io.shardwire.router.classify.StatementClassifier;
import io.shardwire.server.session.ClientTls;
import io.shardwire.server.session.Session;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SslStatusTest {
    private static final ClientTls TLS13 = new ClientTls("TLSv1.3", "TLS_AES_256_GCM_SHA384",
            "TLS_AES_256_GCM_SHA384:TLS_AES_128_GCM_SHA256", "Nov 21 10:00:00 2026 GMT", "Nov  9 10:00:00 2036 GMT");

    private static Session session(ClientTls tls) {
        Session session = new Session(7, "app", "127.0.0.1", io.shardwire.server.session.Grants.of(false, false, java.util.List.of()), 0,
                "utf8mb4", null);
        session.clientTls(tls);
        return session;
    }

    /** The answer as "name|value" lines, or null when the backend is to answer. */
    private static List<String> rows(ClientTls tls, String sql) {
        FrontendStatement.Show show = (FrontendStatement.Show) StatementClassifier.classify(sql);
        LocalResult result = SslStatus.answer(session(tls), show.what(), show.sql());
        if (result == null) {
            return null;
        }
        assertEquals(List.of("Variable_name", "Value"), result.columns().stream().map(c -> c.name()).toList());
        List<String> lines = new ArrayList<>();
        for (byte[][] row : result.rows()) {
            lines.add(new String(row[0], StandardCharsets.UTF_8) + "|" + new String(row[1], StandardCharsets.UTF_8));
        }
        return lines;
    }

    @Test
    void sslNamesDescribeTheClientConnection() {
        assertEquals(List.of("Ssl_cipher|TLS_AES_256_GCM_SHA384"), rows(TLS13, "SHOW STATUS LIKE 'Ssl_cipher'"));
        assertEquals(List.of("Ssl_version|TLSv1.3"), rows(TLS13, "show session status like 'ssl\\_version'"));
        assertEquals(List.of("Ssl_version|TLSv1.3"), rows(TLS13, "SHOW LOCAL STATUS LIKE \"SSL_VERSION\""));
        assertEquals(List.of("Ssl_cipher|TLS_AES_256_GCM_SHA384",
                "Ssl_cipher_list|TLS_AES_256_GCM_SHA384:TLS_AES_128_GCM_SHA256",
                "Ssl_server_not_after|Nov  9 10:00:00 2036 GMT", "Ssl_server_not_before|Nov 21 10:00:00 2026 GMT",
                "Ssl_version|TLSv1.3"), rows(TLS13, "SHOW STATUS LIKE 'Ssl%'"));
        assertEquals(List.of("Ssl_server_not_after|Nov  9 10:00:00 2036 GMT"),
                rows(TLS13, "SHOW STATUS LIKE 'ssl_server_not_a%'"));
        assertEquals(List.of(), rows(TLS13, "SHOW STATUS LIKE 'Ssl_accepts'"));
    }

    @Test
    void plainConnectionShowsEmptyValues() {
        assertEquals(List.of("Ssl_cipher|", "Ssl_cipher_list|", "Ssl_server_not_after|", "Ssl_server_not_before|",
                "Ssl_version|"), rows(ClientTls.NONE, "SHOW STATUS LIKE 'Ssl%'"));
    }

    @Test
    void otherStatusStatementsGoToTheBackend() {
        assertNull(rows(TLS13, "SHOW STATUS LIKE '%cipher%'"));
        assertNull(rows(TLS13, "SHOW STATUS LIKE 'S%'"));
        assertNull(rows(TLS13, "SHOW STATUS LIKE 'Com_select'"));
        assertNull(rows(TLS13, "SHOW GLOBAL STATUS LIKE 'Ssl_cipher'"));
        assertNull(rows(TLS13, "SHOW STATUS"));
        assertNull(rows(TLS13, "SHOW STATUS WHERE Variable_name = 'Ssl_cipher'"));
        assertNull(rows(TLS13, "SHOW VARIABLES LIKE 'ssl%'"));
    }
}
