package io.shardwire.server.error;

import com.mysql.cj.jdbc.exceptions.PacketTooBigException;
import io.shardwire.protocol.MalformedPacketException;
import io.shardwire.protocol.packet.ErrPacket;
import java.sql.SQLException;

/**
 * The one place where a failure becomes an ERR packet. A backend's own error (it has an error number) passes
 * through unchanged; a lost or refused backend connection becomes {@link ProxyError#BACKEND_UNAVAILABLE}.
 */
public final class ErrorTranslator {
    private ErrorTranslator() {
    }

    public static ErrPacket toErr(Throwable failure, String backendName) {
        if (failure instanceof ProxyException p) {
            return new ErrPacket(p.error().errorCode(), p.error().sqlState(), p.getMessage());
        }
        if (failure instanceof MalformedPacketException m) {
            return toErr(ProxyError.MALFORMED_PACKET.exception(m.getMessage()), backendName);
        }
        if (failure instanceof SQLException sql) {
            if (isServerError(sql)) {
                return new ErrPacket(sql.getErrorCode(), sql.getSQLState(), sql.getMessage());
            }
            if (sql instanceof PacketTooBigException) {
                // Connector/J refuses what the backend's max_allowed_packet would: the backend is fine
                String detail = "backend " + backendName + ": " + firstLine(sql.getMessage());
                return toErr(ProxyError.PACKET_TOO_LARGE.exception(detail), backendName);
            }
            ProxyException unavailable = ProxyError.BACKEND_UNAVAILABLE.exception(backendName, firstLine(sql.getMessage()));
            return toErr(unavailable, backendName);
        }
        ProxyException internal = ProxyError.INTERNAL.exception(String.valueOf(failure));
        return toErr(internal, backendName);
    }

    /** A server-reported error has a MySQL error number; driver-side failures (I/O, timeouts, closed) have 0. */
    public static boolean isServerError(SQLException e) {
        return e.getErrorCode() > 0;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
