package io.shardwire.it.prepared;

import io.shardwire.protocol.auth.NativePassword;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A MySQL client over a plain socket that sends exactly the bytes a test asks for and hands back every
 * packet, so the proxy's answers to prepared-statement commands can be compared byte for byte with a
 * MariaDB server's. Logs in with mysql_native_password (MySQL "Connection Phase"), with or without
 * CLIENT_DEPRECATE_EOF.
 *
 * <p>Not thread-safe; one test thread owns it.
 */
final class WireClient implements AutoCloseable {
    static final int COM_QUERY = 0x03;
    static final int COM_PING = 0x0E;
    static final int COM_STMT_PREPARE = 0x16;
    static final int COM_STMT_EXECUTE = 0x17;
    static final int COM_STMT_SEND_LONG_DATA = 0x18;
    static final int COM_STMT_CLOSE = 0x19;
    static final int COM_STMT_RESET = 0x1A;
    static final int COM_STMT_FETCH = 0x1C;
    static final int COM_RESET_CONNECTION = 0x1F;

    private static final int LONG_PASSWORD = 1;
    private static final int CONNECT_WITH_DB = 1 << 3;
    private static final int PROTOCOL_41 = 1 << 9;
    private static final int TRANSACTIONS = 1 << 13;
    private static final int SECURE_CONNECTION = 1 << 15;
    private static final int MULTI_RESULTS = 1 << 17;
    private static final int PS_MULTI_RESULTS = 1 << 18;
    private static final int PLUGIN_AUTH = 1 << 19;
    private static final int DEPRECATE_EOF = 1 << 24;

    /** One packet's payload as received. */
    record Packet(byte[] payload) {
        int header() {
            return payload.length == 0 ? -1 : payload[0] & 0xFF;
        }

        boolean isErr() {
            return header() == 0xFF;
        }

        boolean isOk() {
            return header() == 0x00;
        }

        /** An EOF packet, or with DEPRECATE_EOF the OK packet with header 0xFE that ends a result. */
        boolean isEnd() {
            return header() == 0xFE && payload.length < 0xFFFFFF;
        }

        int errorCode() {
            return (payload[1] & 0xFF) | (payload[2] & 0xFF) << 8;
        }

        /** "errno SQLSTATE message" of an ERR packet. */
        String error() {
            return errorCode() + " " + new String(payload, 4, 5, StandardCharsets.US_ASCII) + " "
                    + new String(payload, 9, payload.length - 9, StandardCharsets.UTF_8);
        }

        /**
         * The status flags of an EOF packet (0xFE, warnings, status) or of an OK packet with no affected rows
         * and no insert id (header, 0, 0, status): at the same offset in both.
         */
        int endStatus() {
            return (payload[3] & 0xFF) | (payload[4] & 0xFF) << 8;
        }

        @Override
        public String toString() {
            return HexFormat.of().formatHex(payload);
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final boolean deprecateEof;
    private int sequence;

    private WireClient(Socket socket, boolean deprecateEof) throws IOException {
        this.socket = socket;
        this.socket.setSoTimeout(30_000);
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.deprecateEof = deprecateEof;
    }

    static WireClient connect(int port, String user, String password, String database, boolean deprecateEof)
            throws IOException {
        WireClient client = new WireClient(new Socket("127.0.0.1", port), deprecateEof);
        client.login(user, password, database);
        return client;
    }

    boolean deprecateEof() {
        return deprecateEof;
    }

    private void login(String user, String password, String database) throws IOException {
        byte[] greeting = read().payload();
        int at = 1;
        while (greeting[at] != 0) {
            at++;   // server version
        }
        at += 1 + 4;
        byte[] seed = new byte[20];
        System.arraycopy(greeting, at, seed, 0, 8);
        at += 8 + 1 + 2 + 1 + 2 + 2 + 1 + 10;
        System.arraycopy(greeting, at, seed, 8, 12);
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        int capabilities = LONG_PASSWORD | CONNECT_WITH_DB | PROTOCOL_41 | TRANSACTIONS | SECURE_CONNECTION
                | MULTI_RESULTS | PS_MULTI_RESULTS | PLUGIN_AUTH | (deprecateEof ? DEPRECATE_EOF : 0);
        writeInt(response, capabilities, 4);
        writeInt(response, 1 << 24, 4);
        response.write(45);   // utf8mb4_general_ci
        response.write(new byte[23], 0, 23);
        writeNul(response, user);
        byte[] auth = password.isEmpty() ? new byte[0] : NativePassword.scramble(password, seed);
        response.write(auth.length);
        response.write(auth, 0, auth.length);
        writeNul(response, database);
        writeNul(response, NativePassword.PLUGIN);
        write(response.toByteArray());
        Packet answer = read();
        if (answer.header() == 0xFE) {
            // an auth switch: answer with the scramble of the new seed
            byte[] p = answer.payload();
            int nameEnd = 1;
            while (p[nameEnd] != 0) {
                nameEnd++;
            }
            byte[] newSeed = Arrays.copyOfRange(p, nameEnd + 1, nameEnd + 21);
            write(password.isEmpty() ? new byte[0] : NativePassword.scramble(password, newSeed));
            answer = read();
        }
        if (!answer.isOk()) {
            throw new IOException("login failed: " + (answer.isErr() ? answer.error() : answer));
        }
    }

    /** Sends a command: a new command phase starts with sequence id 0. */
    void command(int code, byte[] body) throws IOException {
        sequence = 0;
        byte[] payload = new byte[body.length + 1];
        payload[0] = (byte) code;
        System.arraycopy(body, 0, payload, 1, body.length);
        write(payload);
    }

    void query(String sql) throws IOException {
        command(COM_QUERY, sql.getBytes(StandardCharsets.UTF_8));
    }

    /** The whole answer to a command that returns OK, ERR or one result set (not counting further results). */
    List<Packet> readAnswer() throws IOException {
        List<Packet> packets = new ArrayList<>();
        Packet first = read();
        packets.add(first);
        if (first.isErr() || first.isOk()) {
            return packets;
        }
        // a result set: column count, definitions, [EOF], rows, EOF/OK
        int columns = first.header();
        for (int i = 0; i < columns; i++) {
            packets.add(read());
        }
        if (!deprecateEof) {
            packets.add(read());
        }
        while (true) {
            Packet p = read();
            packets.add(p);
            if (p.isEnd() || p.isErr()) {
                return packets;
            }
        }
    }

    /** The answer to COM_STMT_PREPARE: the prepare-OK, parameter definitions and column definitions (with EOFs). */
    List<Packet> readPrepareAnswer() throws IOException {
        List<Packet> packets = new ArrayList<>();
        Packet first = read();
        packets.add(first);
        if (first.isErr()) {
            return packets;
        }
        byte[] p = first.payload();
        int columns = (p[5] & 0xFF) | (p[6] & 0xFF) << 8;
        int parameters = (p[7] & 0xFF) | (p[8] & 0xFF) << 8;
        for (int block : new int[] {parameters, columns}) {
            for (int i = 0; i < block; i++) {
                packets.add(read());
            }
            if (block > 0 && !deprecateEof) {
                packets.add(read());
            }
        }
        return packets;
    }

    /** The statement id of a prepare-OK packet. */
    static long statementId(Packet prepareOk) {
        byte[] p = prepareOk.payload();
        return (p[1] & 0xFFL) | (p[2] & 0xFFL) << 8 | (p[3] & 0xFFL) << 16 | (p[4] & 0xFFL) << 24;
    }

    /** COM_STMT_EXECUTE's body: id, flags, iteration count 1, then {@code parameters} as given. */
    static byte[] execute(long statementId, int flags, byte[] parameters) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeInt(body, statementId, 4);
        body.write(flags);
        writeInt(body, 1, 4);
        body.write(parameters, 0, parameters.length);
        return body.toByteArray();
    }

    static byte[] id(long statementId) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeInt(body, statementId, 4);
        return body.toByteArray();
    }

    Packet read() throws IOException {
        int length = in.readUnsignedByte() | in.readUnsignedByte() << 8 | in.readUnsignedByte() << 16;
        sequence = (in.readUnsignedByte() + 1) & 0xFF;
        byte[] payload = new byte[length];
        in.readFully(payload);
        return new Packet(payload);
    }

    /** True when nothing arrives for {@code millis} (commands that must get no answer). */
    boolean silentFor(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            in.readByte();
            return false;
        } catch (java.net.SocketTimeoutException e) {
            return true;
        } finally {
            socket.setSoTimeout(30_000);
        }
    }

    private void write(byte[] payload) throws IOException {
        byte[] frame = new byte[payload.length + 4];
        frame[0] = (byte) payload.length;
        frame[1] = (byte) (payload.length >> 8);
        frame[2] = (byte) (payload.length >> 16);
        frame[3] = (byte) sequence;
        System.arraycopy(payload, 0, frame, 4, payload.length);
        out.write(frame);
        out.flush();
        sequence = (sequence + 1) & 0xFF;
    }

    private static void writeInt(ByteArrayOutputStream out, long value, int bytes) {
        for (int i = 0; i < bytes; i++) {
            out.write((int) (value >> (8 * i)));
        }
    }

    private static void writeNul(ByteArrayOutputStream out, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.write(bytes, 0, bytes.length);
        out.write(0);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
