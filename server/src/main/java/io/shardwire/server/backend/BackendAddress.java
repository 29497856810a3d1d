package io.shardwire.server.backend;

/** Where one backend server listens and how the proxy logs in to it. */
public record BackendAddress(String host, int port, String user, String password) {
    @Override
    public String toString() {
        return host + ":" + port;
    }
}
