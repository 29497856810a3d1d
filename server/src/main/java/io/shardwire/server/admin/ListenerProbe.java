package io.shardwire.server.admin;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Whether the proxy's own MySQL port serves: a new connection must receive the greeting (MySQL "Protocol::Handshake",
 * protocol version 10) within the timeout. The greeting is written by the connection's event loop and worker, so a
 * process that lost either (an OutOfMemoryError in the event loop once left one alive but deaf) fails this probe.
 */
public final class ListenerProbe {
    private static final int PROTOCOL_VERSION = 10;

    private ListenerProbe() {
    }

    /** The address to probe a listener bound to {@code bound} at: loopback when it listens on every address. */
    public static InetSocketAddress loopbackFor(InetSocketAddress bound) {
        InetAddress address = bound.getAddress().isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : bound.getAddress();
        return new InetSocketAddress(address, bound.getPort());
    }

    static boolean greets(InetSocketAddress address, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(address, timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] header = new byte[5];
            in.readFully(header);
            return (header[4] & 0xFF) == PROTOCOL_VERSION;
        } catch (IOException e) {
            return false;
        }
    }
}
