package io.shardwire.shardmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KeyFunctionTest {

    static Stream<Arguments> extractions() {
        return Stream.of(
                Arguments.of(new KeyFunction.SuffixHex(4), "tok_9f3a77c2002a", KeyType.BINARY_STRING, BigInteger.valueOf(42)),
                Arguments.of(new KeyFunction.SuffixHex(4), "tok_9f3a77c2002A  ", KeyType.string(true, true), BigInteger.valueOf(42)),
                Arguments.of(new KeyFunction.SuffixHex(16), "ffffffffffffffff", KeyType.BINARY_STRING, new BigInteger("18446744073709551615")),
                Arguments.of(new KeyFunction.Bits(12, 10), (37L << 12) | 0xABC | (999L << 22), KeyType.INTEGER, BigInteger.valueOf(37)),
                Arguments.of(new KeyFunction.Bits(0, 64), -1L, KeyType.INTEGER, new BigInteger("18446744073709551615")),
                Arguments.of(new KeyFunction.Bits(63, 1), "9223372036854775808", KeyType.INTEGER, BigInteger.ONE),
                Arguments.of(new KeyFunction.Bits(60, 4), "-1", KeyType.INTEGER, BigInteger.valueOf(15)),
                Arguments.of(KeyFunction.WHOLE, "x", KeyType.BINARY_STRING, "x"));
    }

    @ParameterizedTest(name = "{0} of {1}")
    @MethodSource("extractions")
    void extracts(KeyFunction f, Object value, KeyType type, Object expected) {
        assertEquals(expected, f.extract(value, type));
    }

    static Stream<Arguments> failures() {
        return Stream.of(
                Arguments.of(new KeyFunction.SuffixHex(4), "abc", "'abc' is shorter than the 4 hex digits suffix_hex reads"),
                Arguments.of(new KeyFunction.SuffixHex(4), "tok_zz12", "the last 4 characters of 'tok_zz12' are not hex digits"),
                Arguments.of(new KeyFunction.Bits(0, 8), "18446744073709551616", "18446744073709551616 is not a 64-bit integer"));
    }

    @ParameterizedTest(name = "{0} of {1}")
    @MethodSource("failures")
    void refusesWhatItCannotRead(KeyFunction f, Object value, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> f.extract(value, KeyType.BINARY_STRING)).getMessage());
    }

    @Test
    void embeddedKeyCoLocatesWithTheIntegerKeyItCarries() {
        ShardFunction.Hash customers = new ShardFunction.Hash(KeyFunction.WHOLE);
        ShardFunction.Hash tokens = new ShardFunction.Hash(new KeyFunction.SuffixHex(6));
        assertEquals(customers.keyspaceId(42, KeyType.INTEGER), tokens.keyspaceId("secret00002a", KeyType.BINARY_STRING));
    }

    @Test
    void validatesItsParameters() {
        assertEquals("suffix_hex reads 1 to 16 hex digits, not 17",
                assertThrows(IllegalArgumentException.class, () -> new KeyFunction.SuffixHex(17)).getMessage());
        assertEquals("bits needs 0 <= shift <= 63, 1 <= width <= 64 and shift + width <= 64, not shift 60, width 8",
                assertThrows(IllegalArgumentException.class, () -> new KeyFunction.Bits(60, 8)).getMessage());
    }
}
