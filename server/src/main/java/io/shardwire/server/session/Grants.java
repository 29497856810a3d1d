package io.shardwire.server.session;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a proxy login may do, from its {@code users:} entry: the proxy decides this, not the backend account every
 * backend connection runs as. {@code databases} empty means every logical database of the configuration.
 */
public record Grants(boolean admin, boolean readOnly, Set<String> databases) {

    public Grants {
        databases = databases.stream().map(d -> d.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    public static Grants of(boolean admin, boolean readOnly, List<String> databases) {
        return new Grants(admin, readOnly, Set.copyOf(databases));
    }

    /** Whether the login may use {@code logicalDatabase} (a name the configuration defines). */
    public boolean mayUse(String logicalDatabase) {
        return databases.isEmpty() || databases.contains(logicalDatabase.toLowerCase(Locale.ROOT));
    }
}
