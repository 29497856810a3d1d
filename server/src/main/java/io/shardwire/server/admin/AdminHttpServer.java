package io.shardwire.server.admin;

import io.shardwire.server.backend.BackendProbe;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.shardwire.server.ProxyContext;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The operator HTTP port: {@code GET /metrics} (Prometheus text format) and {@code GET /health} (200 with a small
 * JSON body when the proxy's own MySQL port greets a new connection and every shard has a primary that answers, 503
 * naming what fails otherwise: a process whose event loops or workers died fails its own greeting).
 */
public final class AdminHttpServer implements AutoCloseable {
    private static final int HEALTH_PROBE_MILLIS = 2000;
    private final HttpServer server;

    private AdminHttpServer(HttpServer server) {
        this.server = server;
    }

    public static AdminHttpServer start(String bind, int port, ProxyContext context, InetSocketAddress mysqlListener)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 16);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/metrics", exchange -> respond(exchange, 200,
                "text/plain; version=0.0.4; charset=utf-8", context.metrics().scrape()));
        server.createContext("/health", exchange -> {
            Health health = health(context, mysqlListener);
            respond(exchange, health.failing().isEmpty() ? 200 : 503, "application/json", health.json());
        });
        server.start();
        return new AdminHttpServer(server);
    }

    /** Each shard's primary state now, and the shards whose primary does not answer. */
    record Health(boolean listener, Map<String, Boolean> shards, List<String> failing) {
        String json() {
            StringBuilder b = new StringBuilder("{\"status\":\"").append(failing.isEmpty() ? "UP" : "DOWN")
                    .append("\",\"listener\":\"").append(listener ? "UP" : "DOWN").append("\",\"shards\":{");
            String separator = "";
            for (Map.Entry<String, Boolean> e : shards.entrySet()) {
                b.append(separator).append('"').append(e.getKey()).append("\":\"").append(e.getValue() ? "UP" : "DOWN").append('"');
                separator = ",";
            }
            b.append("},\"failing\":[");
            b.append(failing.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(",")));
            return b.append("]}\n").toString();
        }
    }

    /**
     * 200 when the proxy's MySQL port sends its greeting to a new connection and every shard has a primary that
     * answers a login and SELECT 1, each within the probe timeout. A failing listener is named "listener".
     */
    static Health health(ProxyContext context, InetSocketAddress mysqlListener) {
        boolean listener = ListenerProbe.greets(mysqlListener, HEALTH_PROBE_MILLIS);
        Map<String, Boolean> shards = BackendProbe.primaries(context.backends(), HEALTH_PROBE_MILLIS);
        List<String> failing = new java.util.ArrayList<>(listener ? List.of() : List.of("listener"));
        shards.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).forEach(failing::add);
        return new Health(listener, shards, failing);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
