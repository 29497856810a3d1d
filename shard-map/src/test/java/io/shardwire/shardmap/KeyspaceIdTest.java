package io.shardwire.shardmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeyspaceIdTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            0x0                  | 0x0000000000000000
            0x8000000000000000   | 0x8000000000000000
            0xFFFFFFFFFFFFFFFF   | 0xffffffffffffffff
            0x8000_0000_0000_0000| 0x8000000000000000
            0                    | 0x0000000000000000
            9223372036854775808  | 0x8000000000000000
            18446744073709551615 | 0xffffffffffffffff
            """)
    void parsesHexAndDecimal(String text, String printed) {
        assertEquals(printed, KeyspaceId.parse(text).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0x", "-1", "18446744073709551616", "0x10000000000000000", "zz", "0xg"})
    void rejectsOutsideTheSpace(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> KeyspaceId.parse(text));
        assertEquals("expected an unsigned 64-bit number, hex like \"0x8000000000000000\" or decimal, found '" + text + "'",
                e.getMessage());
    }

    @Test
    void ordersUnsigned() {
        assertTrue(new KeyspaceId(Long.MIN_VALUE).compareTo(new KeyspaceId(Long.MAX_VALUE)) > 0);
        assertTrue(KeyspaceId.MAX.compareTo(KeyspaceId.MIN) > 0);
        assertEquals(BigInteger.TWO.pow(64).subtract(BigInteger.ONE), KeyspaceId.MAX.toBigInteger());
    }

    @Test
    void keyRangeContainsItsStartNotItsEnd() {
        KeyRange r = KeyRange.between(new KeyspaceId(10), new KeyspaceId(20));
        assertTrue(r.contains(new KeyspaceId(10)));
        assertTrue(r.contains(new KeyspaceId(19)));
        assertTrue(!r.contains(new KeyspaceId(20)));
        assertTrue(KeyRange.from(new KeyspaceId(Long.MIN_VALUE)).contains(KeyspaceId.MAX));
        assertEquals("[0x000000000000000a, 0x0000000000000014)", r.toString());
        assertEquals("[0x0000000000000000, end)", KeyRange.FULL.toString());
    }

    @Test
    void keyRangeRejectsEmpty() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new KeyRange(new KeyspaceId(5), Optional.of(new KeyspaceId(5))));
        assertEquals("empty key range: start 0x0000000000000005 is not below end 0x0000000000000005", e.getMessage());
    }
}
