/**
 * Streaming merge operators: the proxy-side half of a scatter query. Each shard's result arrives as a
 * {@link io.shardwire.rewrite.merge.RowStream}; operators wrap streams and are themselves streams, so a
 * merge is a small tree built per statement by the rewriter, for example:
 *
 * <pre>
 * SELECT name FROM customers ORDER BY created LIMIT 20, 10
 *   shards: SELECT name, created FROM customers ORDER BY created LIMIT 30
 *   merge:  Project(Limit(MergeSort(shards, [asc(1)]), 20, 10), 1)
 *
 * SELECT country, COUNT(*), AVG(total) FROM orders GROUP BY country ORDER BY country
 *   shards: SELECT country, COUNT(*), SUM(total), COUNT(total) FROM orders GROUP BY country ORDER BY country
 *   merge:  OrderedAggregate(MergeSort(shards, [asc(0)]), [GroupKey(0), Count(1), Avg(2, 3, "AVG(total)")])
 *
 * SELECT country, COUNT(*) FROM orders GROUP BY country ORDER BY COUNT(*) DESC LIMIT 5
 *   merge:  Limit(TopN(OrderedAggregate(MergeSort(shards, [asc(0)]), specs), [desc(1)], 5), 0, 5)
 *
 * SELECT DISTINCT country FROM customers
 *   shards: SELECT DISTINCT country FROM customers ORDER BY country
 *   merge:  OrderedDistinct(MergeSort(shards, [asc(0)]))      (or Distinct(Concat(shards), bound))
 * </pre>
 *
 * <p>Streaming operators ({@link io.shardwire.rewrite.merge.Concat}, {@link io.shardwire.rewrite.merge.MergeSort},
 * {@link io.shardwire.rewrite.merge.Limit}, {@link io.shardwire.rewrite.merge.Project},
 * {@link io.shardwire.rewrite.merge.Filter}, {@link io.shardwire.rewrite.merge.OrderedDistinct},
 * {@link io.shardwire.rewrite.merge.OrderedAggregate}) hold a row or a group at a time. Buffering ones
 * ({@link io.shardwire.rewrite.merge.Distinct}, {@link io.shardwire.rewrite.merge.HashAggregate},
 * {@link io.shardwire.rewrite.merge.Sort}) take a bound and throw a {@link io.shardwire.rewrite.merge.MergeException}
 * past it; {@link io.shardwire.rewrite.merge.TopN} holds its limit. MariaDB returns GROUP BY results sorted by
 * the group columns, and a client may rely on that: HashAggregate returns groups in first-seen order, so
 * prefer OrderedAggregate, or sort after HashAggregate.
 *
 * <p>Contract the operators rely on: a stream returns a fresh array per row and does not change it later
 * (MergeSort, Distinct and the aggregates keep rows), and an operator never reads an input after closing
 * it. Every operator closes its inputs when they are exhausted and when it is closed; close is idempotent.
 * Values are compared as MariaDB compares them ({@link io.shardwire.rewrite.merge.ValueComparator}); string
 * columns compare by the collation in the column definition unless the rewriter passes the column's
 * declared collation, because the text protocol reports the result character set's default collation.
 */
package io.shardwire.rewrite.merge;
