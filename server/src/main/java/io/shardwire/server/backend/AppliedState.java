package io.shardwire.server.backend;

import io.shardwire.server.session.SessionVariables;

/**
 * What has been applied to one physical backend connection: its current schema and the session variables
 * set on it. Lives as long as the physical connection, across borrowers; only the borrower touches it.
 */
public final class AppliedState {
    private String schema;
    private final SessionVariables variables = new SessionVariables();

    public String schema() {
        return schema;
    }

    public void schema(String schema) {
        this.schema = schema;
    }

    public SessionVariables variables() {
        return variables;
    }
}
