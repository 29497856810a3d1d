package io.shardwire.router.route;

/**
 * A statement that cannot run correctly on this shard map: refused with the reason, never guessed.
 * {@link #parseError()} tells a statement the parser could not read from one that is understood but not
 * supported.
 */
public final class RouteException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final boolean parseError;

    private RouteException(String message, boolean parseError) {
        super(message);
        this.parseError = parseError;
    }

    public static RouteException unsupported(String what) {
        return new RouteException(what, false);
    }

    public static RouteException parse(String what) {
        return new RouteException(what, true);
    }

    public boolean parseError() {
        return parseError;
    }
}
