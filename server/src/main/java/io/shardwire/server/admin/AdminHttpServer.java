package io.shardwire.server.admin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.shardwire.server.ProxyContext;
import io.shardwire.server.backend.Shard;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/** The operator HTTP port: {@code GET /metrics} (Prometheus text format) and {@code GET /health}. */
public final class AdminHttpServer implements AutoCloseable {
    private final HttpServer server;

    private AdminHttpServer(HttpServer server) {
        this.server = server;
    }

    public static AdminHttpServer start(String bind, int port, ProxyContext context) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 16);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/metrics", exchange -> respond(exchange, 200,
                "text/plain; version=0.0.4; charset=utf-8", context.metrics().scrape()));
        server.createContext("/health", exchange -> {
            StringBuilder body = new StringBuilder();
            boolean allUp = true;
            for (Shard shard : context.backends().all()) {
                boolean up = shard.primary().isUp();
                allUp &= up;
                body.append(shard.name()).append(' ').append(up ? "UP" : "DOWN").append('\n');
            }
            respond(exchange, allUp ? 200 : 503, "text/plain; charset=utf-8", (allUp ? "OK\n" : "DEGRADED\n") + body);
        });
        server.start();
        return new AdminHttpServer(server);
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
