package io.shardwire.shardmap;

import java.util.List;
import java.util.Objects;

/**
 * An account clients log in with ({@code users:}). {@code admin} allows operator statements
 * (SHOW SHARDS, resharding...) and reads of the backends' system schemas. {@code databases} ({@code databases:})
 * are the logical databases the account may use, empty for every one the configuration defines; a
 * {@code readOnly} ({@code read_only: true}) account may not change data or schema. {@code authPlugin} ({@code auth_plugin}) is the authentication method the
 * proxy asks clients for: {@value #NATIVE_PASSWORD} (the default) or {@value #CACHING_SHA2_PASSWORD}.
 * {@link #toString} hides the password so it never reaches a log.
 */
public record UserConfig(String name, String password, boolean admin, String authPlugin, List<String> databases,
                         boolean readOnly) {
    public static final String NATIVE_PASSWORD = "mysql_native_password";
    public static final String CACHING_SHA2_PASSWORD = "caching_sha2_password";
    /** The values {@code auth_plugin} accepts. */
    public static final List<String> AUTH_PLUGINS = List.of(NATIVE_PASSWORD, CACHING_SHA2_PASSWORD);

    public UserConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(password, "password");
        databases = List.copyOf(databases);
        if (!AUTH_PLUGINS.contains(authPlugin)) {
            throw new IllegalArgumentException("authPlugin: " + authPlugin + " (expected one of " + AUTH_PLUGINS + ")");
        }
    }

    /** An account that logs in with mysql_native_password. */
    public UserConfig(String name, String password, boolean admin) {
        this(name, password, admin, NATIVE_PASSWORD);
    }

    /** An account that may use every logical database and write. */
    public UserConfig(String name, String password, boolean admin, String authPlugin) {
        this(name, password, admin, authPlugin, List.of(), false);
    }

    @Override
    public String toString() {
        return "UserConfig[name=" + name + ", password=***, admin=" + admin + ", authPlugin=" + authPlugin
                + ", databases=" + databases + ", readOnly=" + readOnly + "]";
    }
}
