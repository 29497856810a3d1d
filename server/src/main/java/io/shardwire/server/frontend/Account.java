package io.shardwire.server.frontend;

import io.shardwire.server.session.Grants;
import java.util.List;

/**
 * A login the proxy accepts. {@code password} is in clear (the proxy must compute both plugins' scrambles), or,
 * when {@code passwordIsHash}, MySQL's stored mysql_native_password form {@code "*" + hex(SHA1(SHA1(pw)))}.
 * {@code requireTls}: logins over a plain connection are refused. {@code databases} (empty: every logical database)
 * and {@code readOnly} say what it may do. {@link #toString} hides the password.
 */
public record Account(String name, String password, String authPlugin, boolean admin, boolean passwordIsHash,
                      boolean requireTls, List<String> databases, boolean readOnly) {
    public Account {
        databases = List.copyOf(databases);
    }

    public Grants grants() {
        return Grants.of(admin, readOnly, databases);
    }

    @Override
    public String toString() {
        return "Account[name=" + name + ", password=***, authPlugin=" + authPlugin + ", admin=" + admin + "]";
    }
}
