package io.shardwire.shardmap;

import java.util.List;
import java.util.Objects;

/** One shard ({@code backends.NAME}): its primary and its replicas, in file order. */
public record BackendConfig(String name, BackendAddress primary, List<BackendAddress> replicas) {

    public BackendConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(primary, "primary");
        replicas = List.copyOf(replicas);
    }
}
