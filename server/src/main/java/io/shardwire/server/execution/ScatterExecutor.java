package io.shardwire.server.execution;

import io.shardwire.router.route.Route;
import io.shardwire.server.ProxyContext;
import io.shardwire.server.error.ProxyError;
import io.shardwire.server.session.Session;
import java.sql.SQLException;

/** Runs a scatter SELECT: every shard's rows, merged as the rewriter planned. */
final class ScatterExecutor {
    private final ProxyContext context;
    private final BackendExecutor executor;

    ScatterExecutor(ProxyContext context, BackendExecutor executor) {
        this.context = context;
        this.executor = executor;
    }

    void run(Session session, Route.Scatter route, ResultWriter writer, boolean more) throws SQLException {
        throw ProxyError.ROUTE_REFUSED.exception("SELECT across several shards (" + route.shards() + ") yet");
    }
}
