package io.shardwire.router.plan;

import io.shardwire.router.route.Route;
import java.util.List;

/** A scatter SELECT made executable: the SQL each shard runs and how their rows merge. */
public record ScatterPlan(long mapVersion, List<Route.ShardSql> queries, MergeSpec merge) {
    public ScatterPlan {
        queries = List.copyOf(queries);
    }
}
