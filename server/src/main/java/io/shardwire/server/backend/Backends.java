package io.shardwire.server.backend;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every shard's backend pools, in configuration order. Built once at start; closed at shutdown. */
public final class Backends implements AutoCloseable {
    private final Map<String, Shard> shards;

    public Backends(List<Shard> shards) {
        Map<String, Shard> byName = new LinkedHashMap<>();
        for (Shard shard : shards) {
            byName.put(shard.name(), shard);
        }
        this.shards = byName;
    }

    public Shard shard(String name) {
        Shard shard = shards.get(name);
        if (shard == null) {
            throw new IllegalArgumentException("unknown shard: " + name + " (known: " + shards.keySet() + ")");
        }
        return shard;
    }

    public List<Shard> all() {
        return new ArrayList<>(shards.values());
    }

    public Shard first() {
        return shards.values().iterator().next();
    }

    @Override
    public void close() {
        for (Shard shard : shards.values()) {
            shard.primary().close();
        }
    }
}
