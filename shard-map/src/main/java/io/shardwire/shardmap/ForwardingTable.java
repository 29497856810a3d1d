package io.shardwire.shardmap;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Gizzard's forwarding table: contiguous key ranges, each owned by one shard, that together cover
 * the whole 64-bit keyspace exactly once.
 *
 * <p>Resharding replaces the table (split a range, move a range to another shard) and never the
 * hash, so rows that stay put need no rehashing. Entries are sorted by start; the constructor
 * rejects gaps and overlaps, so {@link #shardFor} is total. Lookup is a binary search, O(log n).
 */
public record ForwardingTable(List<Entry> entries) {

    /** One range and the shard that owns it. */
    public record Entry(KeyRange range, String shard) {
        public Entry {
            Objects.requireNonNull(range, "range");
            Objects.requireNonNull(shard, "shard");
        }
    }

    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    public ForwardingTable {
        entries = List.copyOf(entries);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a forwarding table needs at least one range");
        }
        KeyRange first = entries.getFirst().range();
        if (!first.start().equals(KeyspaceId.MIN)) {
            throw new IllegalArgumentException("gap: keys below " + first.start() + " have no shard");
        }
        for (int i = 1; i < entries.size(); i++) {
            KeyRange previous = entries.get(i - 1).range();
            KeyRange current = entries.get(i).range();
            if (previous.end().isEmpty()) {
                throw new IllegalArgumentException("overlap: " + previous + " already runs to the end, yet " + current + " follows");
            }
            int order = previous.end().get().compareTo(current.start());
            if (order < 0) {
                throw new IllegalArgumentException("gap between " + previous + " and " + current);
            }
            if (order > 0) {
                throw new IllegalArgumentException("overlap between " + previous + " and " + current);
            }
        }
        KeyRange last = entries.getLast().range();
        if (!last.toEndOfSpace()) {
            throw new IllegalArgumentException("gap: keys from " + last.end().get() + " to the end have no shard");
        }
    }

    /** The space cut into {@code shards.size()} contiguous near-equal ranges, one per shard, in list order. */
    public static ForwardingTable evenly(List<String> shards) {
        if (shards.isEmpty()) {
            throw new IllegalArgumentException("cannot split the keyspace over no shards");
        }
        BigInteger n = BigInteger.valueOf(shards.size());
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < shards.size(); i++) {
            KeyspaceId start = KeyspaceId.of(TWO_TO_64.multiply(BigInteger.valueOf(i)).divide(n));
            Optional<KeyspaceId> end = i + 1 == shards.size()
                    ? Optional.empty()
                    : Optional.of(KeyspaceId.of(TWO_TO_64.multiply(BigInteger.valueOf(i + 1)).divide(n)));
            entries.add(new Entry(new KeyRange(start, end), shards.get(i)));
        }
        return new ForwardingTable(entries);
    }

    /** Ranges given by their starts (as in the configuration): each ends where the next starts. */
    public static ForwardingTable fromStarts(List<HashRange> ranges) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < ranges.size(); i++) {
            Optional<KeyspaceId> end = i + 1 == ranges.size() ? Optional.empty() : Optional.of(ranges.get(i + 1).from());
            entries.add(new Entry(new KeyRange(ranges.get(i).from(), end), ranges.get(i).shard()));
        }
        return new ForwardingTable(entries);
    }

    /** The shard that owns {@code id}; every id has exactly one. */
    public String shardFor(KeyspaceId id) {
        int low = 0;
        int high = entries.size() - 1;
        // Find the last entry whose start is <= id; contiguity makes it the owner.
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (entries.get(mid).range().start().compareTo(id) <= 0) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return entries.get(low).shard();
    }

    /** The shards that own at least one range, in order of their first range. */
    public List<String> shards() {
        LinkedHashSet<String> shards = new LinkedHashSet<>();
        entries.forEach(e -> shards.add(e.shard()));
        return List.copyOf(shards);
    }

    /** The ranges owned by {@code shard}, in keyspace order. */
    public List<KeyRange> rangesOf(String shard) {
        return entries.stream().filter(e -> e.shard().equals(shard)).map(Entry::range).toList();
    }
}
