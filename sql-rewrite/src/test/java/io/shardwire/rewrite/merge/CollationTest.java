package io.shardwire.rewrite.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * String order and equality under each collation against what MariaDB 10.11 answered for the same strings
 * ({@code collation-order.tsv}: the strings ranked by {@code DENSE_RANK() OVER (ORDER BY s COLLATE c)}).
 * The values arrive as UTF-8 with the reported collation utf8mb4_general_ci (45), as through a connection
 * whose results are utf8mb4; the collation under test is the declared one.
 */
class CollationTest {

    static Stream<Arguments> collations() {
        Map<String, List<Ranked>> byCollation = new LinkedHashMap<>();
        for (String line : Fixtures.lines("collation-order.tsv")) {
            String[] fields = line.split("\t", -1);
            byte[] value = HexFormat.of().parseHex(fields[2]);
            byCollation.computeIfAbsent(fields[0], c -> new ArrayList<>()).add(new Ranked(value, Integer.parseInt(fields[1])));
        }
        return byCollation.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("collations")
    void ordersAndGroupsStringsAsMariadb(String collation, List<Ranked> strings) {
        ColumnInfo column = collation.equals("binary") ? Rows.column("s:VAR_STRING:c63") : Rows.column("s:VAR_STRING:c45");
        int id = ValueComparator.collationId(collation);
        assertTrue(id != ValueComparator.AS_REPORTED, collation);
        ValueComparator comparator = ValueComparator.forColumn(column, id);
        List<String> wrong = new ArrayList<>();
        for (Ranked a : strings) {
            for (Ranked b : strings) {
                int expected = Integer.signum(Integer.compare(a.rank(), b.rank()));
                int actual = Integer.signum(comparator.compare(a.value(), b.value()));
                boolean sameKey = Objects.equals(comparator.groupingKey(a.value()), comparator.groupingKey(b.value()));
                if (expected != actual || sameKey != (expected == 0)) {
                    wrong.add(a + " vs " + b + ": MariaDB " + expected + ", merge " + actual + (sameKey ? " (same key)" : ""));
                }
            }
        }
        assertEquals(List.of(), wrong);
    }

    @ParameterizedTest(name = "{0} as reported")
    @MethodSource("collations")
    void binCollationsAreRecognisedByTheBinaryFlag(String collation, List<Ranked> strings) {
        if (!collation.equals("utf8mb4_bin")) {
            return;
        }
        ValueComparator asReported = ValueComparator.forColumn(Rows.column("s:VAR_STRING:binary:c45"));
        for (Ranked a : strings) {
            for (Ranked b : strings) {
                assertEquals(Integer.signum(Integer.compare(a.rank(), b.rank())),
                        Integer.signum(asReported.compare(a.value(), b.value())), a + " vs " + b);
            }
        }
    }

    record Ranked(byte[] value, int rank) {
        @Override
        public String toString() {
            return "'" + new String(value, StandardCharsets.UTF_8).replace("\t", "\\t") + "'";
        }
    }
}
