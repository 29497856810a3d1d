package io.shardwire.server.error;

/** A statement or command the proxy refuses or cannot complete; becomes one ERR packet. */
public final class ProxyException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient ProxyError error;

    ProxyException(ProxyError error, String message) {
        super(message);
        this.error = error;
    }

    public ProxyError error() {
        return error;
    }
}
