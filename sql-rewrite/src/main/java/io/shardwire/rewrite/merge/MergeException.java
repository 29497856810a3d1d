package io.shardwire.rewrite.merge;

/** A merge could not be completed correctly (a memory bound was exceeded, a value could not be combined). */
public final class MergeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MergeException(String message) {
        super(message);
    }
}
