package io.shardwire.server.frontend;

/**
 * A login the proxy accepts. {@code password} is in clear (the proxy must compute both plugins' scrambles), or,
 * when {@code passwordIsHash}, MySQL's stored mysql_native_password form {@code "*" + hex(SHA1(SHA1(pw)))}.
 * {@code requireTls}: logins over a plain connection are refused. {@link #toString} hides the password.
 */
public record Account(String name, String password, String authPlugin, boolean admin, boolean passwordIsHash,
                      boolean requireTls) {

    @Override
    public String toString() {
        return "Account[name=" + name + ", password=***, authPlugin=" + authPlugin + ", admin=" + admin + "]";
    }
}
