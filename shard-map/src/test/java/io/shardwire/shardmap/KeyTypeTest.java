package io.shardwire.shardmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KeyTypeTest {

    private static final KeyType CI_PAD = KeyType.string(true, true);
    private static final KeyType BIN_PAD = KeyType.string(false, true);

    static Stream<Arguments> canonicalForms() {
        return Stream.of(
                Arguments.of(KeyType.INTEGER, 42, "42"),
                Arguments.of(KeyType.INTEGER, 42L, "42"),
                Arguments.of(KeyType.INTEGER, "42", "42"),
                Arguments.of(KeyType.INTEGER, " +42 ", "42"),
                Arguments.of(KeyType.INTEGER, 42.0, "42"),
                Arguments.of(KeyType.INTEGER, "42.0", "42"),
                Arguments.of(KeyType.INTEGER, "4.2e1", "42"),
                Arguments.of(KeyType.INTEGER, new BigDecimal("42.000"), "42"),
                Arguments.of(KeyType.INTEGER, "42.5", "43"),
                Arguments.of(KeyType.INTEGER, "-42.5", "-43"),
                Arguments.of(KeyType.INTEGER, "-0", "0"),
                Arguments.of(KeyType.INTEGER, "18446744073709551615", "18446744073709551615"),
                Arguments.of(KeyType.INTEGER, new BigInteger("18446744073709551615"), "18446744073709551615"),
                Arguments.of(KeyType.INTEGER, true, "1"),
                Arguments.of(KeyType.INTEGER, "42".getBytes(StandardCharsets.UTF_8), "42"),
                Arguments.of(KeyType.DECIMAL, "1.50", "1.5"),
                Arguments.of(KeyType.DECIMAL, new BigDecimal("42.00"), "42"),
                Arguments.of(KeyType.DECIMAL, 42, "42"),
                Arguments.of(KeyType.DECIMAL, "-0.000", "0"),
                Arguments.of(KeyType.DECIMAL, "1e3", "1000"),
                Arguments.of(KeyType.DECIMAL, 0.1, "0.1"),
                Arguments.of(KeyType.BINARY_STRING, "Abc  ", "Abc  "),
                Arguments.of(KeyType.BINARY_STRING, 42, "42"),
                Arguments.of(KeyType.BINARY_STRING, new BigDecimal("1.50"), "1.50"),
                Arguments.of(BIN_PAD, "Abc  ", "Abc"),
                Arguments.of(BIN_PAD, "Abc \t", "Abc \t"),
                Arguments.of(CI_PAD, "José  ", "jose"),
                Arguments.of(CI_PAD, "STRASSE", "strasse"),
                Arguments.of(CI_PAD, "Straße", "strasse"),
                Arguments.of(KeyType.DATE, "2026-01-05", "2026-01-05"),
                Arguments.of(KeyType.DATE, "2026-1-5", "2026-01-05"),
                Arguments.of(KeyType.DATE, "20260105", "2026-01-05"),
                Arguments.of(KeyType.DATE, 20260105, "2026-01-05"),
                Arguments.of(KeyType.DATE, LocalDate.of(2026, 1, 5), "2026-01-05"),
                Arguments.of(KeyType.DATE, "2026-01-05 10:11:12", "2026-01-05"),
                Arguments.of(KeyType.DATETIME, "2026-01-05", "2026-01-05 00:00:00"),
                Arguments.of(KeyType.DATETIME, "2026-01-05T10:11", "2026-01-05 10:11:00"),
                Arguments.of(KeyType.DATETIME, "2026-01-05 10:11:12.500000", "2026-01-05 10:11:12.5"),
                Arguments.of(KeyType.DATETIME, "20260105101112", "2026-01-05 10:11:12"),
                Arguments.of(KeyType.DATETIME, LocalDateTime.of(2026, 1, 5, 10, 11, 12, 123_000), "2026-01-05 10:11:12.000123"));
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @MethodSource("canonicalForms")
    void canonicalForm(KeyType type, Object value, String canonical) {
        assertEquals(canonical, type.canonical(value));
    }

    /** Each group holds literal forms of one value: they must hash to one keyspace id, and groups must differ. */
    static Stream<Arguments> equalForms() {
        return Stream.of(
                Arguments.of(KeyType.INTEGER, List.of(
                        List.of(42, 42L, "42", "42.0", 42.0, 42.0f, new BigDecimal("42.00"), BigInteger.valueOf(42), (short) 42, (byte) 42),
                        List.of(-7, "-7", "-7.0", -7.0),
                        List.of(0, "0", "-0", "0.0", 0.0, false),
                        List.of(Long.MAX_VALUE, "9223372036854775807", new BigDecimal("9223372036854775807.0")))),
                Arguments.of(KeyType.DECIMAL, List.of(
                        List.of("1.5", "1.50", new BigDecimal("1.500"), 1.5, "15e-1"),
                        List.of("42", 42, "42.000"))),
                Arguments.of(CI_PAD, List.of(
                        List.of("alice@example.com", "Alice@Example.COM", "alice@example.com   ", "ALICE@EXAMPLE.COM "),
                        List.of("José", "jose", "JOSE  ", "José".getBytes(StandardCharsets.UTF_8)))),
                Arguments.of(KeyType.BINARY_STRING, List.of(List.of("Alice"), List.of("alice"), List.of("alice "))),
                Arguments.of(KeyType.DATE, List.of(
                        List.of("2026-01-05", "2026-1-5", "20260105", LocalDate.of(2026, 1, 5)),
                        List.of("2026-01-06"))),
                Arguments.of(KeyType.DATETIME, List.of(
                        List.of("2026-01-05 10:00:00", "2026-01-05T10:00", "2026-01-05 10:00:00.000", LocalDateTime.of(2026, 1, 5, 10, 0)),
                        List.of("2026-01-05 10:00:00.000001"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("equalForms")
    void equalValuesHashEquallyWhateverTheirLiteralForm(KeyType type, List<List<Object>> groups) {
        ShardFunction.Hash hash = new ShardFunction.Hash(KeyFunction.WHOLE);
        Set<KeyspaceId> perGroup = groups.stream().map(group -> {
            Set<KeyspaceId> ids = group.stream().map(v -> hash.keyspaceId(v, type)).collect(Collectors.toSet());
            assertEquals(1, ids.size(), () -> group + " hash to " + ids);
            return ids.iterator().next();
        }).collect(Collectors.toSet());
        assertEquals(groups.size(), perGroup.size(), "distinct values must not collide here");
    }

    @Test
    void hashIsPinned() {
        // The keyspace id of a row is implicit in where it is stored: these must never change.
        ShardFunction.Hash hash = new ShardFunction.Hash(KeyFunction.WHOLE);
        assertEquals("0x6de6f5d076d742b9", hash.keyspaceId(42, KeyType.INTEGER).toString());
        assertEquals("0x6de6f5d076d742b9", hash.keyspaceId("42", KeyType.BINARY_STRING).toString());
        assertEquals("0x44bc2cf5ad770999", hash.keyspaceId("ABC ", CI_PAD).toString());
    }

    @Test
    void integerAndIntegerValuedDecimalKeysCoLocate() {
        ShardFunction.Hash hash = new ShardFunction.Hash(KeyFunction.WHOLE);
        assertEquals(hash.keyspaceId(42, KeyType.INTEGER), hash.keyspaceId("42.00", KeyType.DECIMAL));
        assertNotEquals(hash.keyspaceId(42, KeyType.INTEGER), hash.keyspaceId(43, KeyType.INTEGER));
    }

    static Stream<Arguments> rejected() {
        return Stream.of(
                Arguments.of(KeyType.INTEGER, "abc", "not a number: 'abc'"),
                Arguments.of(KeyType.INTEGER, "1e999999999", "number out of range for a shard key: 1e999999999"),
                Arguments.of(KeyType.INTEGER, Double.NaN, "not a finite number: NaN"),
                Arguments.of(KeyType.DECIMAL, "0x10", "not a number: '0x10'"),
                Arguments.of(KeyType.DATE, "2026-13-01", "not a valid date or datetime: '2026-13-01'"
                        + " (Invalid value for MonthOfYear (valid values 1 - 12): 13)"),
                Arguments.of(KeyType.DATE, "tomorrow", "not a date or datetime: 'tomorrow'"),
                Arguments.of(KeyType.DATETIME, "2026-01-05 25:00:00", "not a valid date or datetime: '2026-01-05 25:00:00'"
                        + " (Invalid value for HourOfDay (valid values 0 - 23): 25)"),
                Arguments.of(KeyType.BINARY_STRING, List.of(), "unsupported key value type ListN"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("rejected")
    void rejectsValuesOfTheWrongType(KeyType type, Object value, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> type.canonical(value)).getMessage());
    }

    static Stream<Arguments> orderings() {
        return Stream.of(
                Arguments.of(KeyType.INTEGER, "9", "10", -1),
                Arguments.of(KeyType.INTEGER, 10, "10.0", 0),
                Arguments.of(KeyType.DECIMAL, "1.5", "1.25", 1),
                Arguments.of(KeyType.BINARY_STRING, "9", "10", 1),
                Arguments.of(KeyType.BINARY_STRING, "B", "a", -1),
                Arguments.of(CI_PAD, "B", "a", 1),
                Arguments.of(CI_PAD, "a ", "A", 0),
                Arguments.of(KeyType.BINARY_STRING, "\uFFFD", "\uD83D\uDE00", -1),
                Arguments.of(KeyType.DATE, "2025-12-31", "2026-01-01", -1),
                Arguments.of(KeyType.DATETIME, "2026-01-01", "2025-12-31 23:59:59.999999", 1),
                Arguments.of(KeyType.DATETIME, "2026-01-01", "2026-01-01 00:00:00", 0));
    }

    @ParameterizedTest(name = "{0}: {1} vs {2}")
    @MethodSource("orderings")
    void comparesByType(KeyType type, Object a, Object b, int sign) {
        assertEquals(sign, Integer.signum(type.compare(a, b)));
        assertEquals(-sign, Integer.signum(type.compare(b, a)));
    }

    @Test
    void collationFlagsOnlyOnStrings() {
        assertEquals("collation flags apply to strings only, not INTEGER",
                assertThrows(IllegalArgumentException.class, () -> new KeyType(ValueType.INTEGER, true, false)).getMessage());
    }

    @Test
    void infersTheNarrowestType() {
        assertEquals(ValueType.INTEGER, ValueType.infer(List.of("1", "-20", "300")));
        assertEquals(ValueType.DECIMAL, ValueType.infer(List.of("1", "2.5")));
        assertEquals(ValueType.DATE, ValueType.infer(List.of("2026-01-01", "2026-07-01")));
        assertEquals(ValueType.DATETIME, ValueType.infer(List.of("2026-01-01", "2026-07-01 12:00:00")));
        assertEquals(ValueType.STRING, ValueType.infer(List.of("g", "n", "t")));
        assertEquals(ValueType.INTEGER, ValueType.infer(List.of()));
    }
}
