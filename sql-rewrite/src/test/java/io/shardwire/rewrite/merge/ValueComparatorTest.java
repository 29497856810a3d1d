package io.shardwire.rewrite.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each case lists values of one column in MySQL's ascending order: {@code <} between values that sort
 * apart, {@code =} between values ORDER BY and GROUP BY treat as equal. Every pair is checked both ways,
 * and the grouping keys must agree with the comparison. Strings by collation are in {@link CollationTest}.
 */
class ValueComparatorTest {

    static Stream<Arguments> orders() {
        return Stream.of(
                Arguments.of("i:LONG", "\\N < -2147483648 < -1 < 0 < 9 < 10 < 100 < 2147483647"),
                Arguments.of("i:LONGLONG", "\\N < -9223372036854775808 < -1 < 0 < 9223372036854775807"),
                Arguments.of("u:LONGLONG:unsigned",
                        "\\N < 0 < 1 < 9223372036854775807 < 9223372036854775808 < 18446744073709551614 < 18446744073709551615"),
                Arguments.of("t:TINY:unsigned", "0 < 9 < 10 < 255"),
                Arguments.of("s:SHORT", "-32768 < -1 < 0 = 000 < 1 = 001 < 32767"),
                Arguments.of("m:INT24", "-8388608 < 8388607"),
                Arguments.of("y:YEAR:unsigned", "0000 < 1901 < 2000 < 2155"),
                Arguments.of("d:NEWDECIMAL:d2", "\\N < -100.00 < -10.5 < -1.50 = -1.5 < -0.01 < 0.00 = 0 = -0.00 < 0.5"
                        + " < 1.5 = 1.50 = 1.500 < 9.99 < 10.00 < 99999999999999999999999999999999999.12345678901234567890"),
                Arguments.of("d:DECIMAL", "-1 < 1e1 = 10"),
                Arguments.of("f:DOUBLE", "\\N < -1.7976931348623157e308 < -1e20 < -1.5 < -0 = 0 = 0.0 < 5e-324 < 1e-300"
                        + " < 0.1 < 1.5 = 1.50 < 2 < 10 < 1e15 < 1.2345678901234568e17 < 1.7976931348623157e308"),
                Arguments.of("f:FLOAT", "-3.1 < 0 < 2.25 < 3.1 < 1e38"),
                Arguments.of("t:TIME", "\\N < -838:59:59 < -100:00:00 < -01:00:00 < -00:00:01 < 00:00:00 < 00:00:00.000001"
                        + " < 00:00:01 < 09:00:00 < 12:00:00.5 = 12:00:00.500000 < 23:59:59 < 24:00:00 < 100:00:00 < 838:59:59"),
                Arguments.of("t:TIME2:d3", "-00:00:00.001 < 00:00:00.000 < 00:00:00.999"),
                Arguments.of("d:DATE", "\\N < 0000-00-00 < 0000-01-00 < 1000-01-01 < 2024-02-29 < 9999-12-31"),
                Arguments.of("d:DATETIME:d3", "0000-00-00 00:00:00.000 < 2024-01-01 00:00:00.000 < 2024-01-01 00:00:00.001"
                        + " < 2024-01-01 23:59:59.999 < 2024-01-02 00:00:00.000"),
                Arguments.of("t:TIMESTAMP", "\\N < 1970-01-01 00:00:01 < 2038-01-19 03:14:07"),
                Arguments.of("b:BIT:unsigned", "\\N < \\x00 < \\x01 < \\x7F < \\x80 < \\xFF"),
                Arguments.of("b:BIT:unsigned", "\\x00\\xFF < \\x01\\x00 < \\xFF\\x00"),
                Arguments.of("v:VAR_STRING:binary:c63", "\\N <  < \\x00 < A < a < a\\x20 < a\\x20\\x20 < b < \\xC3\\xA4 < \\xFF"),
                Arguments.of("v:BLOB:binary:c63", "a < a\\x00 < a\\x20"),
                Arguments.of("v:STRING:binary:c63", "a\\x00\\x00 < a\\x00\\x01 < b\\x00\\x00"),
                Arguments.of("s:VAR_STRING:binary:c45", " = \\x20 < A < a\\t < a = a\\x20 = a\\x20\\x20 < ab < b < \\xC3\\xA4"),
                Arguments.of("s:BLOB:binary:c45", "A < a = a\\x20"),
                Arguments.of("s:VAR_STRING:c45", "A = a = \\xC3\\xA4 = a\\x20 < B < _"),
                Arguments.of("s:VAR_STRING:c8", "a = A < z < \\xE4 = \\xC4"),
                Arguments.of("j:JSON:binary:c45", "{\"a\": 1} < {\"a\": 2}"),
                Arguments.of("n:NULL", "\\N = \\N"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("orders")
    void ordersAndGroupsAsMysql(String column, String order) {
        ColumnInfo info = Rows.column(column);
        assertOrder(ValueComparator.forColumn(info), ranked(order));
    }

    @Test
    void declaredCollationOverridesTheReportedOne() {
        ColumnInfo reported = Rows.column("s:VAR_STRING:c45");
        ValueComparator unicode = ValueComparator.forColumn(reported, ValueComparator.collationId("utf8mb4_unicode_ci"));
        assertOrder(unicode, ranked("_ < A = a < \\xC3\\x9F = ss < Z"));
        ValueComparator asReported = ValueComparator.forColumn(reported);
        assertOrder(asReported, ranked("A = a < \\xC3\\x9F = s < ss < Z < _"));
    }

    @Test
    void declaredCollationIsIgnoredForBinaryValues() {
        ColumnInfo varbinary = Rows.column("v:VAR_STRING:c63");
        assertOrder(ValueComparator.forColumn(varbinary, 45), ranked("A < a < a\\x20"));
    }

    @Test
    void collationIdsByName() {
        assertEquals(224, ValueComparator.collationId("utf8mb4_unicode_ci"));
        assertEquals(8, ValueComparator.collationId("latin1_swedish_ci"));
        assertEquals(ValueComparator.AS_REPORTED, ValueComparator.collationId("klingon_ci"));
    }

    @Test
    void unknownIdsCompareAsGeneralCi() {
        assertOrder(ValueComparator.forColumn(Rows.column("s:VAR_STRING:c9999")), ranked("a = A = a\\x20 < b"));
    }

    @Test
    void valuesThatDoNotMatchTheirTypeAreMergeErrors() {
        assertEquals("value '12a' from a backend is not an integer as its column type says; the merge cannot order"
                        + " or combine it",
                assertThrows(MergeException.class, () -> ValueComparator.forColumn(Rows.column("i:LONG"))
                        .compare(Rows.value("12a"), Rows.value("1"))).getMessage());
        assertThrows(MergeException.class, () -> ValueComparator.forColumn(Rows.column("d:NEWDECIMAL"))
                .compare(Rows.value("1..2"), Rows.value("1")));
        assertThrows(MergeException.class, () -> ValueComparator.forColumn(Rows.column("t:TIME"))
                .compare(Rows.value("12:00"), Rows.value("1")));
        assertThrows(MergeException.class, () -> ValueComparator.forColumn(Rows.column("u:LONGLONG:unsigned"))
                .compare(Rows.value("-1"), Rows.value("1")));
        assertEquals("column type code 99 is not a MySQL type the merge knows (expected: 0-19 or 245-255)",
                assertThrows(MergeException.class, () -> ValueComparator.forColumn(new ColumnInfo("x", 99, 0, 63, 0, 0)))
                        .getMessage());
    }

    /** Values with their rank: equal values share a rank. */
    static List<Ranked> ranked(String order) {
        List<Ranked> values = new ArrayList<>();
        Matcher separators = Pattern.compile(" ([<=]) ").matcher(order);
        int rank = 0;
        int start = 0;
        while (separators.find()) {
            values.add(new Ranked(order.substring(start, separators.start()), rank));
            rank += separators.group(1).equals("<") ? 1 : 0;
            start = separators.end();
        }
        values.add(new Ranked(order.substring(start), rank));
        return values;
    }

    static void assertOrder(ValueComparator comparator, List<Ranked> values) {
        for (Ranked a : values) {
            for (Ranked b : values) {
                byte[] x = Rows.value(a.text());
                byte[] y = Rows.value(b.text());
                String pair = "'" + a.text() + "' vs '" + b.text() + "'";
                assertEquals(Integer.signum(Integer.compare(a.rank(), b.rank())), Integer.signum(comparator.compare(x, y)),
                        pair + " compared by " + comparator);
                assertEquals(a.rank() == b.rank(), java.util.Objects.equals(comparator.groupingKey(x), comparator.groupingKey(y)),
                        pair + " grouped by " + comparator);
            }
        }
    }

    record Ranked(String text, int rank) {
    }
}
