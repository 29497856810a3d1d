package io.shardwire.embedded;

/**
 * A MariaDB server could not be initialised or started; the message carries the tail of its log.
 */
public final class MariaDbStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** True when the server lost the race for its port; starting again on another port may succeed. */
    private final boolean portInUse;

    MariaDbStartException(String message, boolean portInUse, Throwable cause) {
        super(message, cause);
        this.portInUse = portInUse;
    }

    MariaDbStartException(String message, Throwable cause) {
        this(message, false, cause);
    }

    boolean portInUse() {
        return portInUse;
    }
}
