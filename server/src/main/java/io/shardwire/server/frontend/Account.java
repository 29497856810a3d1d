package io.shardwire.server.frontend;

import io.shardwire.server.session.Grants;
import java.util.List;

/**
 * A login the proxy accepts: its password in clear (the proxy must compute both plugins' scrambles), and what it may
 * do ({@code databases} empty: every logical database).
 */
public record Account(String name, String password, String authPlugin, boolean admin, List<String> databases,
                      boolean readOnly) {
    public Account {
        databases = List.copyOf(databases);
    }

    public Grants grants() {
        return Grants.of(admin, readOnly, databases);
    }
}
