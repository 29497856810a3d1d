package io.shardwire.it.faults;

import static io.shardwire.it.faults.FaultProxy.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shardwire.embedded.MariaDbCluster;
import io.shardwire.embedded.MariaDbServer;
import io.shardwire.it.harness.MariaDbBackends;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Bytes no well-behaved client sends, over a real TCP connection to a real proxy: each gets an ERR or a clean
 * close, never a hang; afterwards the proxy still serves new clients and has no session work left running.
 * Runs with {@code max_allowed_packet: 1M}.
 */
@MariaDbBackends(count = 3)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MalformedInputTest {
    private static final String DB = "fault_malformed";
    /** Generous, for a machine busy with other work: each answer takes milliseconds. */
    private static final Duration NO_HANG = Duration.ofSeconds(30);
    private static final int UNKNOWN_COMMAND = 1047;

    private static MariaDbServer backend;
    private static FaultProxy proxy;
    private static int platformThreadsBefore;
    /** Opened first and never used: the login timeout (10 s) must close them while the other tests run. */
    private static RawClient silent;
    private static RawClient stalledMidHandshake;
    /** Logged in first and left idle: the login timeout must not touch it. */
    private static RawClient idleLoggedIn;

    @BeforeAll
    static void startProxy(MariaDbCluster cluster) throws Exception {
        backend = cluster.server(0);
        proxy = FaultProxy.start(backend, DB, "max_allowed_packet: 1M");
        try (RawClient warmUp = RawClient.login(proxy.port(), "app", "app", DB)) {
            assertEquals("1", warmUp.queryValue("SELECT 1"));
        }
        platformThreadsBefore = ThreadCensus.platformThreads();
        silent = RawClient.connect(proxy.port(), 60_000);
        silent.readGreeting();
        stalledMidHandshake = RawClient.connect(proxy.port(), 60_000);
        stalledMidHandshake.readGreeting();
        stalledMidHandshake.sendRaw(Arrays.copyOf(RawClient.header(80, 1), 4 + 20));
        idleLoggedIn = RawClient.login(proxy.port(), "app", "app", DB);
    }

    @AfterAll
    static void stopProxy() throws Exception {
        for (RawClient c : new RawClient[] {silent, stalledMidHandshake, idleLoggedIn}) {
            if (c != null) {
                c.close();
            }
        }
        if (proxy != null) {
            proxy.close();
        }
        try (Connection root = FaultProxy.rootConnection(backend); Statement s = root.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + DB);
        }
    }

    @Test
    @Order(1)
    void httpRequestInsteadOfAHandshakeResponseGetsPacketTooLargeAndClose() throws Exception {
        try (RawClient client = RawClient.connect(proxy.port())) {
            client.readGreeting();
            // "GET" read as a 3-byte length is 5.5 MB: more than max_allowed_packet
            client.sendRaw("GET / HTTP/1.1\r\nHost: shardwire\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            RawClient.Packet answer = assertTimeoutPreemptively(NO_HANG, client::read);
            assertEquals(1153, answer.errorCode(), answer.describe());
            assertTrue(assertTimeoutPreemptively(NO_HANG, client::closedByServer), "closed after the ERR");
        }
    }

    @Test
    @Order(2)
    void randomBytesFramedAsAHandshakeResponseGetAnErrAndClose() throws Exception {
        Random random = new Random(20261121);
        for (int round = 0; round < 20; round++) {
            byte[] garbage = new byte[1 + random.nextInt(200)];
            random.nextBytes(garbage);
            try (RawClient client = RawClient.connect(proxy.port())) {
                client.readGreeting();
                client.send(1, garbage);
                RawClient.Packet answer = assertTimeoutPreemptively(NO_HANG, client::read);
                assertTrue(answer.isErr(), "round " + round + ": " + answer.describe());
                assertTrue(assertTimeoutPreemptively(NO_HANG, client::closedByServer), "round " + round + ": closed");
            }
        }
    }

    @Test
    @Order(3)
    void truncatedHandshakeResponsesGetAnErrAndClose() throws Exception {
        for (int length : new int[] {0, 1, 4, 8, 9, 31, 32, 33, 36, 37}) {
            try (RawClient client = RawClient.connect(proxy.port())) {
                client.readGreeting();
                byte[] full = client.handshakeResponse("app", "app", DB);
                client.send(1, Arrays.copyOf(full, length));
                RawClient.Packet answer = assertTimeoutPreemptively(NO_HANG, client::read);
                assertTrue(answer.isErr(), length + " bytes: " + answer.describe());
                assertTrue(assertTimeoutPreemptively(NO_HANG, client::closedByServer), length + " bytes: closed");
            }
        }
    }

    @Test
    @Order(4)
    void lengthHeaderPromisingMoreThanFollowsThenEndOfStreamIsAClose() throws Exception {
        try (RawClient client = RawClient.connect(proxy.port())) {
            client.readGreeting();
            client.sendRaw(Arrays.copyOf(RawClient.header(1000, 1), 4 + 10));
            client.socket().shutdownOutput();
            assertTrue(assertTimeoutPreemptively(NO_HANG, client::closedByServer), "closed before login");
        }
        try (RawClient client = RawClient.login(proxy.port(), "app", "app", DB)) {
            client.sendRaw(Arrays.copyOf(RawClient.header(100_000, 0), 4 + 1000));
            client.socket().shutdownOutput();
            assertTrue(assertTimeoutPreemptively(NO_HANG, client::closedByServer), "closed after login");
        }
    }

    @Test
    @Order(5)
    void unknownCommandsGetErr1047AndTheConnectionStaysUsable() throws Exception {
        try (RawClient client = RawClient.login(proxy.port(), "app", "app", DB)) {
            // unknown codes, and old or replication commands a proxy does not implement
            for (int code : new int[] {0x05, 0x06, 0x08, 0x0A, 0x0F, 0x10, 0x12, 0x13, 0x14, 0x15, 0x1D, 0x1E, 0x20,
                0x21, 0x7F, 0xEE, 0xFF}) {
                client.command(code, new byte[] {1, 2, 3});
                RawClient.Packet answer = assertTimeoutPreemptively(NO_HANG, client::read);
                assertEquals(UNKNOWN_COMMAND, answer.errorCode(), String.format("command 0x%02X: %s", code,
                        answer.describe()));
                assertEquals("1", client.queryValue("SELECT 1"), String.format("usable after 0x%02X", code));
            }
        }
    }

    @Test
    @Order(5)
    void preparedStatementCommandsForUnknownStatementsGetErrAndTheConnectionStaysUsable() throws Exception {
        try (RawClient client = RawClient.login(proxy.port(), "app", "app", DB)) {
            byte[] unknownId = {0x39, 0x30, 0, 0};
            // COM_STMT_EXECUTE: statement id, flags, iteration count 1
            client.command(0x17, new byte[] {0x39, 0x30, 0, 0, 0, 1, 0, 0, 0});
            RawClient.Packet execute = assertTimeoutPreemptively(NO_HANG, client::read);
            assertTrue(execute.isErr(), execute.describe());
            assertEquals("1", client.queryValue("SELECT 1"));
            // COM_STMT_FETCH: statement id, rows
            client.command(0x1C, new byte[] {0x39, 0x30, 0, 0, 10, 0, 0, 0});
            RawClient.Packet fetch = assertTimeoutPreemptively(NO_HANG, client::read);
            assertTrue(fetch.isErr(), fetch.describe());
            // COM_STMT_CLOSE and COM_STMT_SEND_LONG_DATA have no answer, whatever the id
            client.command(0x19, unknownId);
            client.command(0x18, new byte[] {0x39, 0x30, 0, 0, 0, 0, 'x'});
            assertEquals("1", client.queryValue("SELECT 1"));
            // COM_STMT_PREPARE of something that is not SQL
            client.command(0x16, "this is not SQL at all".getBytes(StandardCharsets.US_ASCII));
            RawClient.Packet prepare = assertTimeoutPreemptively(NO_HANG, client::read);
            assertTrue(prepare.isErr(), prepare.describe());
            assertEquals("1", client.queryValue("SELECT 1"));
        }
    }

    @Test
    @Order(6)
    void emptyQueryGetsErr1065AndTheConnectionStaysUsable() throws Exception {
        try (RawClient client = RawClient.login(proxy.port(), "app", "app", DB)) {
            for (String empty : new String[] {"", " ", ";", "  ;  ", "/* nothing */", "-- nothing\n"}) {
                RawClient.Packet answer = assertTimeoutPreemptively(NO_HANG, () -> client.query(empty));
                assertEquals(1065, answer.errorCode(), "'" + empty + "': " + answer.describe());
                assertEquals("1", client.queryValue("SELECT 1"));
            }
        }
    }

    @Test
    @Order(7)
    void emptyPacketAfterLoginGetsAnErr() throws Exception {
        try (RawClient client = RawClient.login(proxy.port(), "app", "app", DB)) {
            client.send(0, new byte[0]);
            RawClient.Packet answer = assertTimeoutPreemptively(NO_HANG, client::read);
            assertTrue(answer.isErr(), answer.describe());
        }
    }

    @Test
    @Order(8)
    void queryLargerThanMaxAllowedPacketGetsErr1153ThenClose() throws Exception {
        try (RawClient client = RawClient.login(proxy.port(), "app", "app", DB)) {
            byte[] query = ("SELECT '" + "a".repeat(2 * 1024 * 1024) + "'").getBytes(StandardCharsets.US_ASCII);
            try {
                client.command(0x03, query);
            } catch (IOException e) {
                // the proxy may close before it has read all 2 MiB; its ERR is already on the way
            }
            RawClient.Packet answer = assertTimeoutPreemptively(NO_HANG, client::read);
            assertEquals(1153, answer.errorCode(), answer.describe());
            assertTrue(assertTimeoutPreemptively(NO_HANG, client::closedByServer), "closed after the ERR");
        }
    }

    @Test
    @Order(9)
    void queryJustUnderMaxAllowedPacketWorks() throws Exception {
        try (RawClient client = RawClient.login(proxy.port(), "app", "app", DB)) {
            String value = "b".repeat(1024 * 1024 - 100);
            assertEquals(value, client.queryValue("SELECT '" + value + "'"));
        }
    }

    /**
     * Bug: bytes that are not UTF-8 inside a query (a raw binary value in a literal, as PyMySQL's
     * {@code _binary'...'} and mysqldump's BLOB literals send them) reached the backend as U+FFFD: the data was
     * silently changed. They must arrive unchanged, or the statement be refused; never altered.
     */
    @Test
    @Order(10)
    void rawBinaryBytesInAQueryAreNeverSilentlyChanged() throws Exception {
        byte[] raw = new byte[128];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) (0x80 + i);
        }
        java.io.ByteArrayOutputStream query = new java.io.ByteArrayOutputStream();
        query.writeBytes("SELECT HEX(_binary'".getBytes(StandardCharsets.US_ASCII));
        query.writeBytes(raw);
        query.writeBytes("')".getBytes(StandardCharsets.US_ASCII));
        try (RawClient client = RawClient.login(proxy.port(), "app", "app", DB)) {
            client.command(0x03, query.toByteArray());
            RawClient.Packet first = assertTimeoutPreemptively(NO_HANG, client::read);
            if (first.isErr()) {
                assertEquals(1235, first.errorCode(), first.describe());
                assertTrue(first.errorMessage().contains("hex"), "says what to do instead: " + first.describe());
            } else {
                client.read(); // column definition
                client.read(); // EOF
                RawClient.Packet row = client.read();
                assertEquals(java.util.HexFormat.of().withUpperCase().formatHex(raw),
                        RawClient.firstLenencString(row.payload()));
                assertTrue(client.read().isEof());
            }
            // U+FFFD itself, sent as the UTF-8 text it is, is no reason to refuse
            assertEquals("EFBFBD", client.queryValue("SELECT HEX('\uFFFD')"));
            assertEquals("1", client.queryValue("SELECT 1"));
        }
    }

    @Test
    @Order(100)
    void silentAndStalledClientsAreClosedByTheLoginTimeoutButALoggedInIdleOneIsNot() throws Exception {
        assertTrue(assertTimeoutPreemptively(Duration.ofSeconds(60), silent::closedByServer), "silent client closed");
        assertTrue(assertTimeoutPreemptively(Duration.ofSeconds(60), stalledMidHandshake::closedByServer),
                "client stalled mid-handshake closed");
        assertEquals("1", idleLoggedIn.queryValue("SELECT 1"));
    }

    @Test
    @Order(101)
    void afterAllThatTheProxyServesAFreshClientAndNoSessionWorkIsLeft() throws Exception {
        try (Connection c = proxy.connect(DB); Statement s = c.createStatement()) {
            assertTrue(s.execute("SELECT 1"));
        }
        try (RawClient client = RawClient.login(proxy.port(), "app", "app", DB)) {
            assertEquals("1", client.queryValue("SELECT 1"));
        }
        assertTrue(eventually(NO_HANG, () -> ThreadCensus.sessionWorkers() == 0),
                "session workers still running: " + ThreadCensus.sessionWorkers());
        assertTrue(eventually(NO_HANG, () -> proxy.sessions() <= 1), "sessions left: " + proxy.sessions());
        // loose: Netty and the JDK may start a few threads lazily, but not one per connection tried above
        int platformThreads = ThreadCensus.platformThreads();
        assertTrue(platformThreads <= platformThreadsBefore + 16,
                "platform threads grew from " + platformThreadsBefore + " to " + platformThreads);
        assertFalse(idleLoggedIn.socket().isClosed());
    }
}
