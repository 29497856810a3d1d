package io.shardwire.shardmap;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An account clients log in with ({@code users:}). {@code admin} allows operator statements
 * (SHOW SHARDS, resharding...) and reads of the backends' system schemas. {@code databases} ({@code databases:})
 * are the logical databases the account may use, empty for every one the configuration defines; a
 * {@code readOnly} ({@code read_only: true}) account may not change data or schema. {@code authPlugin} ({@code auth_plugin}) is the authentication method the
 * proxy asks clients for: {@value #NATIVE_PASSWORD} (the default) or {@value #CACHING_SHA2_PASSWORD}.
 * {@code password} is the secret itself, whether written in the file ({@code password}) or read from the
 * environment ({@code password_env}) or a file ({@code password_file}); written as {@code *} and 40 hex digits
 * it is MySQL's stored form, SHA1(SHA1(password)), which only mysql_native_password can check.
 * {@code requireTls} ({@code require_tls}) refuses the account's logins over plain connections.
 * {@link #toString} hides the password so it never reaches a log.
 */
public record UserConfig(String name, String password, boolean admin, String authPlugin, List<String> databases,
                         boolean readOnly, boolean requireTls) {
    public static final String NATIVE_PASSWORD = "mysql_native_password";
    public static final String CACHING_SHA2_PASSWORD = "caching_sha2_password";
    /** The values {@code auth_plugin} accepts. */
    public static final List<String> AUTH_PLUGINS = List.of(NATIVE_PASSWORD, CACHING_SHA2_PASSWORD);
    /** What MySQL's PASSWORD() returns and mysql.user stores for mysql_native_password: '*' + hex SHA1(SHA1(pw)). */
    private static final Pattern NATIVE_HASH = Pattern.compile("\\*[0-9A-Fa-f]{40}");

    public UserConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(password, "password");
        databases = List.copyOf(databases);
        if (!AUTH_PLUGINS.contains(authPlugin)) {
            throw new IllegalArgumentException("authPlugin: " + authPlugin + " (expected one of " + AUTH_PLUGINS + ")");
        }
        if (authPlugin.equals(CACHING_SHA2_PASSWORD) && isNativeHash(password)) {
            throw new IllegalArgumentException("a mysql_native_password hash cannot log in with " + CACHING_SHA2_PASSWORD);
        }
    }

    /** An account that logs in with mysql_native_password. */
    public UserConfig(String name, String password, boolean admin) {
        this(name, password, admin, NATIVE_PASSWORD);
    }

    /** An account that may use every logical database, write, and log in over plain connections as well as TLS. */
    public UserConfig(String name, String password, boolean admin, String authPlugin) {
        this(name, password, admin, authPlugin, List.of(), false, false);
    }

    /** True when the password is MySQL's stored hash ({@code *} + 40 hex digits) rather than the secret. */
    public boolean passwordIsHash() {
        return isNativeHash(password);
    }

    /** Whether {@code text} has the form of a mysql_native_password hash. */
    public static boolean isNativeHash(String text) {
        return NATIVE_HASH.matcher(text).matches();
    }

    @Override
    public String toString() {
        return "UserConfig[name=" + name + ", password=***, admin=" + admin + ", authPlugin=" + authPlugin
                + ", databases=" + databases + ", readOnly=" + readOnly + ", requireTls=" + requireTls + "]";
    }
}
