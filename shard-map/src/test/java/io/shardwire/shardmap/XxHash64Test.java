package io.shardwire.shardmap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reference values from {@code printf '%s' INPUT | xxhsum -H64} (xxHash 0.8.1); they cover every tail length path. */
class XxHash64Test {

    @ParameterizedTest(name = "xxh64(\"{0}\") = {1}")
    @CsvSource(delimiter = '|', emptyValue = "", textBlock = """
            ''                                                   | ef46db3751d8e999
            a                                                    | d24ec4f1a98c6e5b
            abc                                                  | 44bc2cf5ad770999
            42                                                   | 6de6f5d076d742b9
            0123456789abcdef0123456789abcde                      | 1fdfc63febacfde7
            0123456789abcdef0123456789abcdef                     | 642a94958e71e6c5
            0123456789abcdef0123456789abcdef0                    | e87684f08d6d0816
            héllo wörld                                          | 60041bfec530413c
            """)
    void matchesReference(String input, String expectedHex) {
        assertEquals(expectedHex, String.format("%016x", XxHash64.hash(input.getBytes(StandardCharsets.UTF_8))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            The quick brown fox jumps over the lazy dog, and then some more text to pass 100 bytes in total here. | 4619f821fec917a1
            """)
    void matchesReferenceForSeveralStripes(String input, String expectedHex) {
        assertEquals(101, input.length());
        assertEquals(expectedHex, String.format("%016x", XxHash64.hash(input.getBytes(StandardCharsets.UTF_8))));
    }
}
