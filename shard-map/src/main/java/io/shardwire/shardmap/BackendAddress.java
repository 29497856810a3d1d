package io.shardwire.shardmap;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A backend server as written in the configuration:
 * {@code mysql://[user[:password]@]host[:port][/][?name=value&...]} (or {@code mariadb://}).
 *
 * <p>The user defaults to {@code root} and the port to 3306; the password may be empty. User,
 * password and parameters are percent-decoded, so a password containing {@code @} or {@code :}
 * is written {@code %40} / {@code %3A}. An IPv6 host is written in brackets: {@code [::1]:3306}.
 * No database path is accepted: the proxy uses the logical database's name on every backend.
 * {@link #toString} hides the password.
 *
 * @param params driver parameters, in file order (passed to the backend connection as given)
 */
public record BackendAddress(String user, String password, String host, int port, Map<String, String> params) {

    public static final int DEFAULT_PORT = 3306;
    public static final String DEFAULT_USER = "root";

    public BackendAddress {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(host, "host");
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /**
     * Parses a backend URI.
     *
     * @throws IllegalArgumentException whose message says what is wrong and shows the expected form
     */
    public static BackendAddress parse(String uri) {
        int schemeEnd = uri.indexOf("://");
        String scheme = schemeEnd < 0 ? "" : uri.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        if (!scheme.equals("mysql") && !scheme.equals("mariadb")) {
            throw invalid(uri, "it must start with mysql:// or mariadb://");
        }
        String rest = uri.substring(schemeEnd + 3);
        Map<String, String> params = new LinkedHashMap<>();
        int query = rest.indexOf('?');
        if (query >= 0) {
            parseParams(uri, rest.substring(query + 1), params);
            rest = rest.substring(0, query);
        }
        int at = rest.lastIndexOf('@');
        String userInfo = at < 0 ? "" : rest.substring(0, at);
        String hostPort = at < 0 ? rest : rest.substring(at + 1);
        int slash = hostPort.indexOf('/');
        if (slash >= 0) {
            if (slash != hostPort.length() - 1) {
                throw invalid(uri, "a database path ('" + hostPort.substring(slash) + "') is not used: the proxy opens"
                        + " the logical database of the same name on every backend; remove it");
            }
            hostPort = hostPort.substring(0, slash);
        }
        int colon = userInfo.indexOf(':');
        String user = decode(uri, colon < 0 ? userInfo : userInfo.substring(0, colon));
        String password = colon < 0 ? "" : decode(uri, userInfo.substring(colon + 1));
        String host;
        String portText;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw invalid(uri, "the IPv6 address has no closing ']'");
            }
            host = hostPort.substring(1, close);
            String after = hostPort.substring(close + 1);
            if (!after.isEmpty() && !after.startsWith(":")) {
                throw invalid(uri, "expected ':port' after the IPv6 address");
            }
            portText = after.isEmpty() ? "" : after.substring(1);
        } else {
            int portColon = hostPort.lastIndexOf(':');
            host = portColon < 0 ? hostPort : hostPort.substring(0, portColon);
            portText = portColon < 0 ? "" : hostPort.substring(portColon + 1);
        }
        if (host.isEmpty()) {
            throw invalid(uri, "the host is missing");
        }
        return new BackendAddress(user.isEmpty() ? DEFAULT_USER : user, password, host, parsePort(uri, portText), params);
    }

    private static int parsePort(String uri, String text) {
        if (text.isEmpty()) {
            return DEFAULT_PORT;
        }
        if (!text.matches("\\d{1,5}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > 65535) {
            throw invalid(uri, "the port '" + text + "' is not a number from 1 to 65535");
        }
        return Integer.parseInt(text);
    }

    private static void parseParams(String uri, String query, Map<String, String> params) {
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(uri, eq < 0 ? pair : pair.substring(0, eq));
            if (name.isEmpty() || params.put(name, eq < 0 ? "" : decode(uri, pair.substring(eq + 1))) != null) {
                throw invalid(uri, "parameter '" + pair + "' is empty or repeated");
            }
        }
    }

    /** RFC 3986 percent-decoding; unlike URLDecoder it leaves '+' alone, which passwords may contain. */
    private static String decode(String uri, String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < text.length()) {
            int percent = text.indexOf('%', i);
            out.writeBytes(text.substring(i, percent < 0 ? text.length() : percent).getBytes(StandardCharsets.UTF_8));
            if (percent < 0) {
                break;
            }
            int high = percent + 1 < text.length() ? Character.digit(text.charAt(percent + 1), 16) : -1;
            int low = percent + 2 < text.length() ? Character.digit(text.charAt(percent + 2), 16) : -1;
            if (high < 0 || low < 0) {
                throw invalid(uri, "'%' must be followed by two hex digits (write a literal '%' as %25)");
            }
            out.write(high << 4 | low);
            i = percent + 3;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static IllegalArgumentException invalid(String uri, String problem) {
        return new IllegalArgumentException("invalid backend address '" + redact(uri) + "': " + problem
                + " (expected mysql://user:password@host:port)");
    }

    /** The URI with any password replaced, safe for error messages. */
    private static String redact(String uri) {
        int authority = uri.indexOf("://");
        int at = uri.lastIndexOf('@');
        int colon = authority < 0 ? -1 : uri.indexOf(':', authority + 3);
        if (authority < 0 || at < 0 || colon < 0 || colon > at) {
            return uri;
        }
        return uri.substring(0, colon + 1) + "***" + uri.substring(at);
    }

    /** {@code host:port}, with brackets around an IPv6 host: what SHOW BACKENDS and logs show. */
    public String hostAndPort() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return "mysql://" + user + (password.isEmpty() ? "" : ":***") + "@" + hostAndPort();
    }
}
