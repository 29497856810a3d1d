package io.shardwire.shardmap;

import java.util.Objects;

/**
 * An account clients log in with ({@code users:}). {@code admin} allows operator statements
 * (SHOW SHARDS, resharding...). {@link #toString} hides the password so it never reaches a log.
 */
public record UserConfig(String name, String password, boolean admin) {

    public UserConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "UserConfig[name=" + name + ", password=***, admin=" + admin + "]";
    }
}
