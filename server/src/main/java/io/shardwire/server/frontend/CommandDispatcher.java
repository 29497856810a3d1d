package io.shardwire.server.frontend;

import io.shardwire.protocol.command.ComDebug;
import io.shardwire.protocol.command.ComFieldList;
import io.shardwire.protocol.command.ComInitDb;
import io.shardwire.protocol.command.ComPing;
import io.shardwire.protocol.command.ComProcessKill;
import io.shardwire.protocol.command.ComQuery;
import io.shardwire.protocol.command.ComQuit;
import io.shardwire.protocol.command.ComResetConnection;
import io.shardwire.protocol.command.ComSetOption;
import io.shardwire.protocol.command.ComStatistics;
import io.shardwire.protocol.command.ComStmtClose;
import io.shardwire.protocol.command.ComStmtExecute;
import io.shardwire.protocol.command.ComStmtFetch;
import io.shardwire.protocol.command.ComStmtPrepare;
import io.shardwire.protocol.command.ComStmtReset;
import io.shardwire.protocol.command.ComStmtSendLongData;
import io.shardwire.protocol.command.Command;
import io.shardwire.protocol.command.UnsupportedCommand;
import io.shardwire.protocol.packet.OkPacket;
import io.shardwire.server.ProxyContext;
import io.shardwire.server.error.ErrorTranslator;
import io.shardwire.server.error.ProxyError;
import io.shardwire.server.execution.ResultWriter;
import io.shardwire.server.execution.QueryHandler;
import io.shardwire.server.execution.UtilityCommands;
import io.shardwire.server.prepared.PreparedStatementCommands;
import io.shardwire.server.session.Session;
import java.nio.charset.StandardCharsets;

/** Sends each command of the command phase to its handler (MySQL "Command Phase"). One per session. */
final class CommandDispatcher {
    private final ProxyContext context;
    private final QueryHandler queries;
    private final UtilityCommands utility;
    private final PreparedStatementCommands prepared;
    private final long startMillis;

    CommandDispatcher(ProxyContext context, QueryHandler queries, UtilityCommands utility,
                      PreparedStatementCommands prepared, long startMillis) {
        this.context = context;
        this.queries = queries;
        this.utility = utility;
        this.prepared = prepared;
        this.startMillis = startMillis;
    }

    /** @return false when the connection must close (COM_QUIT) */
    boolean dispatch(Session session, Command command, ClientChannel out) {
        ResultWriter writer = new ResultWriter(out, session.deprecateEof());
        try {
            switch (command) {
                case ComQuery q -> queries.handle(session, q, out);
                case ComQuit q -> {
                    return false;
                }
                case ComPing p -> out.writeOk(OkPacket.of(session.statusFlags()));
                case ComInitDb db -> {
                    utility.initDb(session, db.schema());
                    out.writeOk(OkPacket.of(session.statusFlags()));
                }
                case ComFieldList f -> utility.fieldList(session, f.table(), f.wildcard(), writer);
                case ComStatistics s -> out.write(buf -> buf.writeBytes(statistics().getBytes(StandardCharsets.UTF_8)));
                case ComResetConnection r -> {
                    utility.reset(session);
                    prepared.clear();
                    out.writeOk(OkPacket.of(session.statusFlags()));
                }
                case ComSetOption o -> {
                    session.multiStatements(o.option() == ComSetOption.MULTI_STATEMENTS_ON);
                    writer.end(0, session.statusFlags());
                }
                case ComProcessKill k -> {
                    utility.kill(session, k.connectionId());
                    out.writeOk(OkPacket.of(session.statusFlags()));
                }
                case ComDebug d -> writer.end(0, session.statusFlags());
                case ComStmtPrepare p -> prepared.prepare(session, p, out);
                case ComStmtExecute e -> prepared.execute(session, e, out);
                case ComStmtReset r -> prepared.reset(session, r, out);
                case ComStmtFetch f -> prepared.fetch(session, f, out);
                case ComStmtSendLongData d -> prepared.sendLongData(d);
                case ComStmtClose c -> prepared.close(c);
                case UnsupportedCommand u -> throw ProxyError.UNKNOWN_COMMAND.exception(u.name());
            }
        } catch (Exception e) {
            out.writeErr(ErrorTranslator.toErr(e, context.shardFor(session.schema()).name()));
        }
        return true;
    }

    private String statistics() {
        long uptime = (System.currentTimeMillis() - startMillis) / 1000;
        return "Uptime: " + uptime + "  Threads: " + context.sessions().size() + "  Questions: 0  Slow queries: 0"
                + "  Opens: 0  Open tables: 0  Queries per second avg: 0.000";
    }
}
