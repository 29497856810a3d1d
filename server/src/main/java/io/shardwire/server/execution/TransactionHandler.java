package io.shardwire.server.execution;

import io.shardwire.protocol.ServerStatus;
import io.shardwire.protocol.packet.OkPacket;
import io.shardwire.router.classify.FrontendStatement;
import io.shardwire.router.sql.SqlTokenizer;
import io.shardwire.router.sql.Token;
import io.shardwire.server.backend.BackendConnection;
import io.shardwire.server.backend.BackendPool;
import io.shardwire.server.error.ErrorTranslator;
import io.shardwire.server.session.Session;
import io.shardwire.server.session.Session.PinReason;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.List;

/**
 * Transaction control across shards. BEGIN opens the session's transaction without a round trip; each
 * shard joins it when a statement first touches it (see {@link BackendExecutor#acquire}). COMMIT and
 * ROLLBACK go to every shard in the transaction, one after another: there is no two-phase commit, so a
 * commit that fails on one shard after succeeding on another is reported, not undone.
 */
final class TransactionHandler {
    private final BackendExecutor executor;

    TransactionHandler(BackendExecutor executor) {
        this.executor = executor;
    }

    void handle(Session session, BackendPool defaultPool, FrontendStatement.Transaction tx, ResultWriter writer,
                boolean more) throws SQLException {
        int moreFlag = more ? ServerStatus.MORE_RESULTS_EXISTS : 0;
        switch (tx.op()) {
            case BEGIN -> {
                // MySQL commits an open transaction when a new one begins
                finish(session, "COMMIT");
                session.openTransaction(tx.sql());
            }
            case COMMIT, ROLLBACK -> finish(session, tx.sql());
            case SAVEPOINT, RELEASE_SAVEPOINT, ROLLBACK_TO_SAVEPOINT -> {
                onTransactionShards(session, defaultPool, tx.sql());
                String name = savepointName(tx.sql());
                switch (tx.op()) {
                    case SAVEPOINT -> session.savepointSet(name);
                    case ROLLBACK_TO_SAVEPOINT -> session.savepointEnded(name, true);
                    default -> session.savepointEnded(name, false);
                }
            }
            case XA -> {
                BackendConnection connection = executor.acquire(session, defaultPool);
                executeHeld(session, connection, tx.sql(), EnumSet.of(PinReason.TRANSACTION));
            }
        }
        writer.ok(OkPacket.of(session.statusFlags() | moreFlag));
    }

    /** The savepoint a SAVEPOINT, ROLLBACK TO [SAVEPOINT] or RELEASE SAVEPOINT statement names: its last token. */
    private static String savepointName(String sql) {
        List<Token> tokens = SqlTokenizer.tokenize(sql);
        int last = tokens.size() - 1;
        while (last > 0 && tokens.get(last).isSymbol(";")) {
            last--;
        }
        return tokens.get(last).text();
    }

    /** Sends COMMIT or ROLLBACK to every shard in the transaction; the first failure is reported after all were tried. */
    void finish(Session session, String sql) throws SQLException {
        SQLException first = null;
        for (Session.Pin pin : session.pins()) {
            if (!pin.reasons().contains(PinReason.TRANSACTION)) {
                continue;
            }
            try {
                run(pin.connection(), sql);
                if (session.unpin(pin.connection(), PinReason.TRANSACTION)) {
                    pin.connection().pool().release(pin.connection());
                }
            } catch (SQLException e) {
                first = first == null ? e : first;
                if (!ErrorTranslator.isServerError(e)) {
                    pin.connection().pool().evict(pin.connection());
                    session.dropPin(pin.connection());
                } else if (session.unpin(pin.connection(), PinReason.TRANSACTION)) {
                    pin.connection().pool().release(pin.connection());
                }
            }
        }
        session.openTransaction(null);
        if (first != null) {
            throw first;
        }
    }

    /** SAVEPOINT and friends: on every shard already in the transaction, else on the default shard. */
    private void onTransactionShards(Session session, BackendPool defaultPool, String sql) throws SQLException {
        List<Session.Pin> inTransaction = session.pins().stream()
                .filter(p -> p.reasons().contains(PinReason.TRANSACTION)).toList();
        if (inTransaction.isEmpty()) {
            executeHeld(session, executor.acquire(session, defaultPool), sql, EnumSet.noneOf(PinReason.class));
            return;
        }
        for (Session.Pin pin : inTransaction) {
            executeHeld(session, pin.connection(), sql, EnumSet.noneOf(PinReason.class));
        }
    }

    private void executeHeld(Session session, BackendConnection connection, String sql, EnumSet<PinReason> pinFor)
            throws SQLException {
        boolean healthy = false;
        try {
            StateSynchronizer.sync(connection, session);
            run(connection, sql);
            healthy = true;
        } catch (SQLException e) {
            healthy = ErrorTranslator.isServerError(e) && !connection.isBroken();
            throw e;
        } finally {
            executor.settle(session, connection, healthy, pinFor);
        }
    }

    private static void run(BackendConnection connection, String sql) throws SQLException {
        try (Statement statement = connection.jdbc().createStatement()) {
            statement.setEscapeProcessing(false);
            statement.execute(sql);
        }
    }
}
