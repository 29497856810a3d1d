package io.shardwire.server.frontend;

/** A login the proxy accepts: its password in clear (the proxy must compute both plugins' scrambles). */
public record Account(String name, String password, String authPlugin, boolean admin) {
}
