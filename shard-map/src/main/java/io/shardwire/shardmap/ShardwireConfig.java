package io.shardwire.shardmap;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A whole, validated configuration file. Every list is in file order.
 *
 * @param source the file it was read from (for {@link ConfigLoader#parse}, the source name given)
 */
public record ShardwireConfig(ServerConfig server, List<UserConfig> users, List<BackendConfig> backends,
        List<DatabaseConfig> databases, Path source) {

    public ShardwireConfig {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(source, "source");
        users = List.copyOf(users);
        backends = List.copyOf(backends);
        databases = List.copyOf(databases);
    }

    public Optional<UserConfig> user(String name) {
        return users.stream().filter(u -> u.name().equals(name)).findFirst();
    }

    public Optional<BackendConfig> backend(String name) {
        return backends.stream().filter(b -> b.name().equals(name)).findFirst();
    }

    public Optional<DatabaseConfig> database(String name) {
        return databases.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /** The shard names, in file order. */
    public List<String> backendNames() {
        return backends.stream().map(BackendConfig::name).toList();
    }
}
