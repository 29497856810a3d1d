package io.shardwire.shardmap;

/**
 * A configuration file that cannot be used. The message names the file, the key path and the
 * problem, and says what to do, for example
 * {@code conf/x.yaml: databases.shop.tables.events.ranges[1].shard: unknown shard 's9' (known: s0, s1)}.
 */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
