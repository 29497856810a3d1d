package io.shardwire.server.backend;

import java.util.List;

/** One shard: its name, the pool of its primary, and its replicas' addresses. */
public record Shard(String name, BackendPool primary, List<BackendAddress> replicas) {
    public Shard {
        replicas = List.copyOf(replicas);
    }
}
