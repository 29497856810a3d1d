package io.shardwire.shardmap;

import java.util.Optional;

/**
 * A contiguous slice {@code [start, end)} of the 64-bit keyspace.
 *
 * <p>The end is exclusive; an empty {@code end} means "to the end of the space" (2^64), which a
 * 64-bit id cannot itself represent. That keeps the last range of a forwarding table honest: it
 * contains {@code 0xffffffffffffffff}.
 */
public record KeyRange(KeyspaceId start, Optional<KeyspaceId> end) {

    /** The whole keyspace. */
    public static final KeyRange FULL = new KeyRange(KeyspaceId.MIN, Optional.empty());

    public KeyRange {
        if (end.isPresent() && start.compareTo(end.get()) >= 0) {
            throw new IllegalArgumentException("empty key range: start " + start + " is not below end " + end.get());
        }
    }

    /** {@code [start, end)}. */
    public static KeyRange between(KeyspaceId start, KeyspaceId end) {
        return new KeyRange(start, Optional.of(end));
    }

    /** {@code [start, 2^64)}. */
    public static KeyRange from(KeyspaceId start) {
        return new KeyRange(start, Optional.empty());
    }

    public boolean contains(KeyspaceId id) {
        return id.compareTo(start) >= 0 && end.map(e -> id.compareTo(e) < 0).orElse(true);
    }

    public boolean toEndOfSpace() {
        return end.isEmpty();
    }

    @Override
    public String toString() {
        return "[" + start + ", " + end.map(KeyspaceId::toString).orElse("end") + ")";
    }
}
