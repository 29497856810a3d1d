package io.shardwire.it.faults;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A MySQL client written by hand over a plain socket, so a test controls every byte: it can send garbage,
 * cut a packet short or vanish in the middle of a result. Speaks just enough of the protocol (MySQL
 * "Connection Phase", "COM_QUERY", text results without DEPRECATE_EOF) to log in with
 * mysql_native_password and read simple answers.
 *
 * <p>Not thread-safe; one test thread owns it.
 */
final class RawClient implements AutoCloseable {
    static final int CLIENT_LONG_PASSWORD = 0x1;
    static final int CLIENT_CONNECT_WITH_DB = 0x8;
    static final int CLIENT_PROTOCOL_41 = 0x200;
    static final int CLIENT_TRANSACTIONS = 0x2000;
    static final int CLIENT_SECURE_CONNECTION = 0x8000;
    static final int CLIENT_MULTI_RESULTS = 0x20000;
    static final int CLIENT_PLUGIN_AUTH = 0x80000;
    private static final int MAX_CHUNK = 0xFFFFFF;

    /** One protocol packet as received. */
    record Packet(int sequenceId, byte[] payload) {
        boolean isOk() {
            return payload.length > 0 && (payload[0] & 0xFF) == 0x00;
        }

        boolean isErr() {
            return payload.length > 0 && (payload[0] & 0xFF) == 0xFF;
        }

        boolean isEof() {
            return payload.length > 0 && payload.length < 9 && (payload[0] & 0xFF) == 0xFE;
        }

        /** The MySQL error number of an ERR packet. */
        int errorCode() {
            if (!isErr()) {
                throw new AssertionError("expected an ERR packet, got " + describe());
            }
            return (payload[1] & 0xFF) | (payload[2] & 0xFF) << 8;
        }

        /** The message of an ERR packet (after the {@code #SQLSTATE} marker). */
        String errorMessage() {
            int start = payload.length > 3 && payload[3] == '#' ? 9 : 3;
            return new String(payload, start, payload.length - start, StandardCharsets.UTF_8);
        }

        String describe() {
            if (isErr()) {
                return "ERR " + errorCode() + " " + errorMessage();
            }
            int shown = Math.min(payload.length, 32);
            return "packet seq " + sequenceId + " of " + payload.length + " bytes starting "
                    + HexFormat.of().formatHex(Arrays.copyOf(payload, shown));
        }
    }

    /** What the server's greeting (Protocol::HandshakeV10) tells a client. */
    record Greeting(long connectionId, byte[] seed, int capabilities) {
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private Greeting greeting;

    private RawClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects; reads at most {@code readTimeoutMillis} per blocking read before failing the test. */
    static RawClient connect(int port, int readTimeoutMillis) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(readTimeoutMillis);
        socket.setTcpNoDelay(true);
        return new RawClient(socket);
    }

    static RawClient connect(int port) throws IOException {
        return connect(port, 60_000);
    }

    /** Connects and logs in as {@code user} with mysql_native_password; fails the test on anything but OK. */
    static RawClient login(int port, String user, String password, String database) throws IOException {
        RawClient client = connect(port);
        try {
            client.readGreeting();
            client.send(1, client.handshakeResponse(user, password, database));
            Packet answer = client.read();
            if (!answer.isOk()) {
                throw new AssertionError("login as " + user + " failed: " + answer.describe());
            }
            return client;
        } catch (IOException | RuntimeException | AssertionError e) {
            client.close();
            throw e;
        }
    }

    Greeting readGreeting() throws IOException {
        Packet packet = read();
        byte[] p = packet.payload();
        if (p[0] != 10) {
            throw new AssertionError("expected a HandshakeV10 greeting, got " + packet.describe());
        }
        int at = 1;
        while (p[at] != 0) {
            at++;
        }
        at++;
        long connectionId = (p[at] & 0xFFL) | (p[at + 1] & 0xFFL) << 8 | (p[at + 2] & 0xFFL) << 16
                | (p[at + 3] & 0xFFL) << 24;
        at += 4;
        byte[] seed = new byte[20];
        System.arraycopy(p, at, seed, 0, 8);
        at += 9;
        int capabilities = (p[at] & 0xFF) | (p[at + 1] & 0xFF) << 8;
        at += 2 + 1 + 2;
        capabilities |= ((p[at] & 0xFF) | (p[at + 1] & 0xFF) << 8) << 16;
        at += 2 + 1 + 10;
        System.arraycopy(p, at, seed, 8, 12);
        greeting = new Greeting(connectionId, seed, capabilities);
        return greeting;
    }

    /** A HandshakeResponse41 payload answering the greeting read before. */
    byte[] handshakeResponse(String user, String password, String database) {
        int capabilities = CLIENT_LONG_PASSWORD | CLIENT_PROTOCOL_41 | CLIENT_TRANSACTIONS | CLIENT_SECURE_CONNECTION
                | CLIENT_MULTI_RESULTS | CLIENT_PLUGIN_AUTH | (database == null ? 0 : CLIENT_CONNECT_WITH_DB);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        writeInt4(b, capabilities);
        writeInt4(b, 16 * 1024 * 1024);
        b.write(45);
        b.writeBytes(new byte[23]);
        b.writeBytes(user.getBytes(StandardCharsets.UTF_8));
        b.write(0);
        byte[] scramble = nativePassword(password, greeting.seed());
        b.write(scramble.length);
        b.writeBytes(scramble);
        if (database != null) {
            b.writeBytes(database.getBytes(StandardCharsets.UTF_8));
            b.write(0);
        }
        b.writeBytes("mysql_native_password".getBytes(StandardCharsets.UTF_8));
        b.write(0);
        return b.toByteArray();
    }

    /** Sends a payload as one packet, split into 16 MiB chunks as the protocol requires. */
    void send(int sequenceId, byte[] payload) throws IOException {
        ByteArrayOutputStream frames = new ByteArrayOutputStream(payload.length + 8);
        int at = 0;
        int seq = sequenceId;
        while (true) {
            int length = Math.min(MAX_CHUNK, payload.length - at);
            frames.writeBytes(header(length, seq));
            frames.write(payload, at, length);
            at += length;
            seq = (seq + 1) & 0xFF;
            if (length < MAX_CHUNK) {
                break;
            }
        }
        out.write(frames.toByteArray());
        out.flush();
    }

    /** Sends bytes exactly as given, no framing. */
    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    static byte[] header(int length, int sequenceId) {
        return new byte[] {(byte) length, (byte) (length >>> 8), (byte) (length >>> 16), (byte) sequenceId};
    }

    /** Sends a command packet: the command byte and its argument. */
    void command(int code, byte[] argument) throws IOException {
        byte[] payload = new byte[argument.length + 1];
        payload[0] = (byte) code;
        System.arraycopy(argument, 0, payload, 1, argument.length);
        send(0, payload);
    }

    /** COM_QUERY; returns the first packet of the answer (OK, ERR or the column count). */
    Packet query(String sql) throws IOException {
        command(0x03, sql.getBytes(StandardCharsets.UTF_8));
        return read();
    }

    /** Runs a query that returns one row and gives its first column as text; fails the test on anything else. */
    String queryValue(String sql) throws IOException {
        Packet first = query(sql);
        if (first.isErr() || first.isOk()) {
            throw new AssertionError(sql + " returned " + first.describe() + " instead of a result set");
        }
        int columns = first.payload()[0] & 0xFF;
        for (int i = 0; i < columns; i++) {
            read();
        }
        expectEof(read());
        Packet row = read();
        String value = null;
        for (Packet p = row; !p.isEof(); p = read()) {
            if (p.isErr()) {
                throw new AssertionError(sql + " failed mid-result: " + p.describe());
            }
            if (value == null) {
                value = firstLenencString(p.payload());
            }
        }
        return value;
    }

    /** The first value of a text row (MySQL "Text Resultset Row"): a length-encoded string, or 0xFB for NULL. */
    static String firstLenencString(byte[] row) {
        int first = row[0] & 0xFF;
        if (first == 0xFB) {
            return "NULL";
        }
        int prefix = switch (first) {
            case 0xFC -> 2;
            case 0xFD -> 3;
            case 0xFE -> 8;
            default -> 0;
        };
        long length = prefix == 0 ? first : 0;
        for (int i = 0; i < prefix; i++) {
            length |= (row[1 + i] & 0xFFL) << (8 * i);
        }
        return new String(row, 1 + prefix, Math.toIntExact(length), StandardCharsets.UTF_8);
    }

    private static void expectEof(Packet packet) {
        if (!packet.isEof()) {
            throw new AssertionError("expected EOF, got " + packet.describe());
        }
    }

    Packet read() throws IOException {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        int firstSequenceId = -1;
        while (true) {
            int length = in.readUnsignedByte() | in.readUnsignedByte() << 8 | in.readUnsignedByte() << 16;
            int sequenceId = in.readUnsignedByte();
            if (firstSequenceId < 0) {
                firstSequenceId = sequenceId;
            }
            byte[] chunk = new byte[length];
            in.readFully(chunk);
            payload.writeBytes(chunk);
            if (length < MAX_CHUNK) {
                return new Packet(firstSequenceId, payload.toByteArray());
            }
        }
    }

    /** Reads and drops exactly {@code bytes} bytes (e.g. part of a big result). */
    void skip(long bytes) throws IOException {
        byte[] buffer = new byte[8192];
        while (bytes > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, bytes));
            if (n < 0) {
                throw new EOFException("server closed after " + bytes + " bytes short");
            }
            bytes -= n;
        }
    }

    /**
     * Whether the server closed the connection: reads until end of stream (dropping anything still sent),
     * within the socket's read timeout. False when the server kept it open for that long.
     */
    boolean closedByServer() throws IOException {
        byte[] buffer = new byte[8192];
        try {
            while (in.read(buffer) >= 0) {
                // drain
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true; // connection reset: closed too
        }
    }

    Greeting greeting() {
        return greeting;
    }

    Socket socket() {
        return socket;
    }

    /** Vanishes without COM_QUIT or FIN: an RST, as when a client process is killed. */
    void resetAbruptly() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** mysql_native_password: SHA1(password) XOR SHA1(seed + SHA1(SHA1(password))). */
    static byte[] nativePassword(String password, byte[] seed) {
        if (password.isEmpty()) {
            return new byte[0];
        }
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] stage1 = sha1.digest(password.getBytes(StandardCharsets.UTF_8));
            byte[] stage2 = sha1.digest(stage1);
            sha1.update(seed);
            sha1.update(stage2);
            byte[] mask = sha1.digest();
            for (int i = 0; i < stage1.length; i++) {
                stage1[i] ^= mask[i];
            }
            return stage1;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void writeInt4(ByteArrayOutputStream b, int value) {
        b.write(value);
        b.write(value >>> 8);
        b.write(value >>> 16);
        b.write(value >>> 24);
    }
}
