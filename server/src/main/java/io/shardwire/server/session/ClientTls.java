package io.shardwire.server.session;

/**
 * The client connection's TLS, in the words MySQL and MariaDB use for it in {@code SHOW STATUS LIKE 'Ssl%'}:
 * cipher names as OpenSSL prints them ({@code TLS_AES_256_GCM_SHA384}, {@code ECDHE-RSA-AES256-GCM-SHA384}),
 * versions as {@code TLSv1.3}, certificate dates as {@code Nov 21 10:00:00 2036 GMT}. Empty strings on a plain
 * connection, as the servers show them.
 *
 * @param cipherList the cipher suites the server side of this connection allows, ':'-separated
 */
public record ClientTls(String version, String cipher, String cipherList, String notBefore, String notAfter) {
    public static final ClientTls NONE = new ClientTls("", "", "", "", "");
}
