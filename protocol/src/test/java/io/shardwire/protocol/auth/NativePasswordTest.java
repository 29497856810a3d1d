package io.shardwire.protocol.auth;

import static io.shardwire.protocol.testkit.Fixture.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * mysql_native_password. Expected scrambles were computed outside Java with
 * <pre>python3 -c "import hashlib as h;p=PW.encode();s=bytes.fromhex(SEED);a=h.sha1(p).digest();
 * m=h.sha1(s+h.sha1(a).digest()).digest();print(bytes(x^y for x,y in zip(a,m)).hex())"</pre>
 */
class NativePasswordTest {
    /** Seeds of fixtures/mariadb-10.11/handshake-v10.hex and of the greeting in cli-session.hex. */
    static final String CAPTURED_SEED = "5431365941795e4b3c2b5f7c765b437b635f3175";
    static final String CLI_SESSION_SEED = "3423504b68486e72746c43477c5c35354b575277";
    static final String COUNTING_SEED = "0102030405060708090a0b0c0d0e0f1011121314";

    @ParameterizedTest(name = "\"{0}\" with seed {1}")
    @CsvSource({
        // The first two are also what the mariadb CLI, Connector/J and MariaDB Connector/J actually sent
        // (fixtures/clients, fixtures/mariadb-10.11/cli-session.hex): the real clients agree with Python.
        "secret,   " + CAPTURED_SEED + ",    38127d9cbfd1f28f8095cf557e58395917cabfdc",
        "secret,   " + CLI_SESSION_SEED + ", fe222445c11638812f1c7804bf358897e8df9bba",
        "secret,   " + COUNTING_SEED + ",    b32bb3a583e1340c0a1108d58b1be49781ad8c2f",
        "pässwörd, " + COUNTING_SEED + ",    9891a8536587af22d12e126cf5f7a8ea86d63b0e",   // UTF-8 bytes
        "a,        " + COUNTING_SEED + ",    d638af1707b664cffe85d6bcb29b9d06f14258aa",
    })
    void scramblesLikeTheReferenceImplementation(String password, String seed, String expected) {
        assertEquals(expected, hex(NativePassword.scramble(password, hex(seed))));
        assertTrue(NativePassword.verify(password, hex(seed), hex(expected)));
    }

    @Test
    void emptyPasswordSendsNothing() {
        assertArrayEquals(new byte[0], NativePassword.scramble("", hex(COUNTING_SEED)));
        assertTrue(NativePassword.verify("", hex(COUNTING_SEED), new byte[0]));
        assertFalse(NativePassword.verify("", hex(COUNTING_SEED), hex("b32bb3a583e1340c0a1108d58b1be49781ad8c2f")));
        assertFalse(NativePassword.verify("secret", hex(COUNTING_SEED), new byte[0]), "no password is not any password");
    }

    @Test
    void wrongPasswordSeedOrResponseFails() {
        byte[] right = hex("b32bb3a583e1340c0a1108d58b1be49781ad8c2f");
        assertFalse(NativePassword.verify("Secret", hex(COUNTING_SEED), right));
        assertFalse(NativePassword.verify("secret", hex(CAPTURED_SEED), right), "a replay under another seed");
        byte[] flipped = right.clone();
        flipped[19] ^= 1;
        assertFalse(NativePassword.verify("secret", hex(COUNTING_SEED), flipped));
        assertFalse(NativePassword.verify("secret", hex(COUNTING_SEED), Arrays.copyOf(right, 19)), "truncated");
    }

    /** {@code SELECT PASSWORD('secret')} on MariaDB 10.11, and the same with {@code sha1sum} twice. */
    static final String HASH_OF_SECRET = "*14E65567ABDB5135D0CFD9A70B3032C179A49EE7";

    @Test
    void theStoredHashChecksTheSameScramblesAsThePassword() {
        assertEquals(HASH_OF_SECRET.substring(1).toLowerCase(), hex(NativePassword.stage2("secret")));
        byte[] stage2 = NativePassword.stage2OfHash(HASH_OF_SECRET);
        assertArrayEquals(stage2, NativePassword.stage2OfHash(HASH_OF_SECRET.toLowerCase()));
        for (String seed : new String[] {CAPTURED_SEED, CLI_SESSION_SEED, COUNTING_SEED}) {
            assertTrue(NativePassword.verifyStage2(stage2, hex(seed), NativePassword.scramble("secret", hex(seed))));
            assertFalse(NativePassword.verifyStage2(stage2, hex(seed), NativePassword.scramble("Secret", hex(seed))));
        }
        byte[] right = hex("b32bb3a583e1340c0a1108d58b1be49781ad8c2f");
        assertFalse(NativePassword.verifyStage2(stage2, hex(COUNTING_SEED), Arrays.copyOf(right, 19)));
        assertFalse(NativePassword.verifyStage2(stage2, hex(COUNTING_SEED), Arrays.copyOf(right, 21)));
        assertFalse(NativePassword.verifyStage2(stage2, hex(COUNTING_SEED), new byte[0]));
    }

    @Test
    void malformedHashesAreRefused() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> NativePassword.stage2OfHash(HASH_OF_SECRET.substring(1)));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> NativePassword.stage2OfHash("*" + "G".repeat(40)));
    }
}
