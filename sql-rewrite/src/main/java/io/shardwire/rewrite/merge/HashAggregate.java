package io.shardwire.rewrite.merge;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges partial aggregates whose groups arrive in no useful order, in a hash table of groups:
 * {@code SELECT status, COUNT(*) FROM orders GROUP BY status} returns one row per status from each shard,
 * and the counts of {@code 'open'} from every shard must be summed. It reads all its input before returning
 * the first group, so the number of groups is bounded: past {@code maxGroups} it fails with a
 * {@link MergeException} instead of exhausting the heap. When the shards return their groups sorted by
 * the GROUP BY columns (MariaDB does unless told {@code ORDER BY NULL}), {@link OrderedAggregate} streams
 * in constant memory instead.
 *
 * <p>Groups come out in the order they were first seen. Without GROUP BY ({@code SELECT COUNT(*) FROM
 * orders}) there is exactly one output row, even when no shard returned a row: COUNT 0, the others NULL.
 *
 * <p>Owned by the session's worker thread.
 */
public final class HashAggregate implements RowStream {

    private final RowStream input;
    private final List<AggregateSpec> specs;
    private final long maxGroups;
    private Aggregation aggregation;
    private Iterator<Accumulator[]> groups;
    private boolean closed;

    public HashAggregate(RowStream input, List<AggregateSpec> specs, long maxGroups) {
        this.input = input;
        this.specs = List.copyOf(specs);
        this.maxGroups = maxGroups;
    }

    @Override
    public List<ColumnInfo> columns() {
        return aggregation().output();
    }

    private Aggregation aggregation() {
        if (aggregation == null) {
            aggregation = Aggregation.bind(specs, input.columns());
        }
        return aggregation;
    }

    @Override
    public byte[][] next() {
        if (closed) {
            return null;
        }
        if (groups == null) {
            groups = readGroups();
        }
        if (!groups.hasNext()) {
            close();
            return null;
        }
        Accumulator[] group = groups.next();
        groups.remove();
        return Aggregation.result(group);
    }

    private Iterator<Accumulator[]> readGroups() {
        Aggregation bound = aggregation();
        Map<GroupingKey, Accumulator[]> table = new LinkedHashMap<>();
        if (bound.scalar()) {
            table.put(new GroupingKey(new Object[0]), bound.newGroup());
        }
        for (byte[][] row = input.next(); row != null; row = input.next()) {
            GroupingKey key = bound.groupOf(row);
            Accumulator[] group = table.get(key);
            if (group == null) {
                if (table.size() >= maxGroups) {
                    close();
                    throw new MergeException("GROUP BY over several shards needs more than " + maxGroups
                            + " groups in the proxy's memory (limit: " + maxGroups + "); raise the limit on groups"
                            + " buffered for a merge, or let the shards sort by the GROUP BY columns so the"
                            + " groups can be merged in order");
                }
                group = bound.newGroup();
                table.put(key, group);
            }
            Aggregation.add(group, row);
        }
        input.close();
        return table.values().iterator();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            groups = null;
            input.close();
        }
    }
}
