package io.shardwire.router.route;

import java.util.Collection;

/**
 * The subqueries of an INSERT, UPDATE or DELETE run on every shard the write goes to, against that shard's
 * rows. That computes what one server would only when a subquery reads broadcast tables (every copy is the
 * same), or when the write goes to one shard and the subquery's rows all live there:
 * {@code INSERT INTO customers (id, name) VALUES (1, (SELECT name FROM customers WHERE id = 2))} writes on
 * customer 1's shard, where customer 2 is not.
 */
final class WriteSubqueries {
    private WriteSubqueries() {
    }

    /**
     * Refuses {@code sql} when one of its subqueries would read rows that are not on every one of
     * {@code shards} (the shards the write runs on); {@code what} names the write in the message.
     */
    static void check(StatementRouter router, String sql, Collection<String> shards, String what) {
        for (String span : SubquerySpans.of(sql)) {
            Route route;
            try {
                route = router.route(span);
            } catch (RouteException e) {
                throw RouteException.unsupported(what + " with a subquery that cannot run on one shard (" + e.getMessage() + ")");
            }
            boolean everywhere = route instanceof Route.Single s && s.variant() == Route.Variant.BROADCAST_READ;
            boolean here = route instanceof Route.Single s && shards.size() == 1 && shards.contains(s.shard());
            if (!everywhere && !here) {
                throw RouteException.unsupported(what + " with a subquery whose rows are not all on the shard"
                        + (shards.size() == 1 ? " " : "s ") + String.join(", ", shards) + " that the statement runs on ("
                        + span.strip() + "); read the value first, or make the table it reads a broadcast table");
            }
        }
    }
}
