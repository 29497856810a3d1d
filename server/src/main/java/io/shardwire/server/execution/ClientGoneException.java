package io.shardwire.server.execution;

/** The client closed its connection while we were streaming to it; the backend statement is abandoned. */
final class ClientGoneException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ClientGoneException() {
        super("client connection closed", null, false, false);
    }
}
