package io.shardwire.protocol.packet;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.shardwire.protocol.MalformedPacketException;
import io.shardwire.protocol.testkit.Bufs;

/**
 * Coverage-guided fuzzing of the first packet a client sends (MySQL "Protocol::HandshakeResponse41"), before
 * it has authenticated: anyone who can connect can send these bytes. The only acceptable error is
 * {@link MalformedPacketException}, which the server answers with an ERR packet.
 *
 * <p>Seeds in {@code HandshakeResponse41FuzzTestInputs}: the responses of the clients captured under
 * {@code fixtures/clients} and {@code fixtures/mariadb-10.11}, payloads without the frame header.
 */
class HandshakeResponse41FuzzTest {

    @FuzzTest(maxDuration = "12s")
    void parsesAnyResponse(byte[] payload) {
        Bufs.read(payload, in -> {
            try {
                // The order Authenticator asks in: SSL request or not, then the flags, then the whole response.
                HandshakeResponse41.isSslRequest(in);
                HandshakeResponse41.peekCapabilities(in);
                return HandshakeResponse41.parse(in);
            } catch (MalformedPacketException expected) {
                return null;
            }
        });
    }
}
