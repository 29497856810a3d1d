package io.shardwire.server.backend;

/** Where one backend server listens and how the proxy logs in to it. */
public record BackendAddress(String host, int port, String user, String password) {
    /**
     * A Connector/J URL for a one-off connection outside the pools (a KILL QUERY, a health probe), with no TLS and
     * {@code timeoutMillis} for connecting and, when {@code socketTimeoutMillis} is positive, for each read.
     */
    public String oneOffUrl(long timeoutMillis, long socketTimeoutMillis) {
        return "jdbc:mysql://" + host + ":" + port + "/?sslMode=DISABLED&allowPublicKeyRetrieval=true&connectTimeout="
                + timeoutMillis + (socketTimeoutMillis > 0 ? "&socketTimeout=" + socketTimeoutMillis : "");
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
