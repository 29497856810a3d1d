package io.shardwire.protocol;

/** A packet's payload does not follow the layout its command or phase requires. */
public final class MalformedPacketException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedPacketException(String message) {
        super(message);
    }
}
