package io.shardwire.rewrite.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The column definitions of SUM and AVG. Each case: the column as MariaDB 10.11.18 defines it in
 * {@code SELECT c FROM args}, and type;length;decimals of {@code SUM(c)} and {@code AVG(c)}, all from
 * {@code mariadb --column-type-info} on
 * {@code CREATE TABLE args(ti tinyint, i int, ui int unsigned, bi bigint, ubi bigint unsigned, y year,
 * d102 decimal(10,2), ud decimal(10,2) unsigned, d6530 decimal(65,30), d4536 decimal(45,36),
 * d432 decimal(43,2), f float, db double, db102 double(10,2), f73 float(7,3))}.
 */
class AggregateColumnsTest {

    static Stream<Arguments> columns() {
        return Stream.of(
                Arguments.of("ti:TINY:l4", "NEWDECIMAL;26;0", "NEWDECIMAL;9;4"),
                Arguments.of("i:LONG:l11", "NEWDECIMAL;33;0", "NEWDECIMAL;16;4"),
                Arguments.of("ui:LONG:unsigned:l10", "NEWDECIMAL;33;0", "NEWDECIMAL;16;4"),
                Arguments.of("bi:LONGLONG:l20", "NEWDECIMAL;42;0", "NEWDECIMAL;25;4"),
                Arguments.of("ubi:LONGLONG:unsigned:l20", "NEWDECIMAL;43;0", "NEWDECIMAL;26;4"),
                Arguments.of("y:YEAR:unsigned:l4", "NEWDECIMAL;27;0", "NEWDECIMAL;10;4"),
                Arguments.of("d102:NEWDECIMAL:l12:d2", "NEWDECIMAL;34;2", "NEWDECIMAL;16;6"),
                Arguments.of("ud:NEWDECIMAL:unsigned:l11:d2", "NEWDECIMAL;34;2", "NEWDECIMAL;16;6"),
                Arguments.of("d6530:NEWDECIMAL:l67:d30", "NEWDECIMAL;67;30", "NEWDECIMAL;71;34"),
                Arguments.of("d4536:NEWDECIMAL:l47:d36", "NEWDECIMAL;67;36", "NEWDECIMAL;51;38"),
                Arguments.of("d432:NEWDECIMAL:l45:d2", "NEWDECIMAL;67;2", "NEWDECIMAL;49;6"),
                Arguments.of("f:FLOAT:l12:d31", "DOUBLE;23;31", "DOUBLE;16;31"),
                Arguments.of("db:DOUBLE:l22:d31", "DOUBLE;23;31", "DOUBLE;23;31"),
                Arguments.of("db102:DOUBLE:l10:d2", "DOUBLE;19;2", "DOUBLE;14;6"),
                Arguments.of("f73:FLOAT:l7:d3", "DOUBLE;20;3", "DOUBLE;11;7"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("columns")
    void sumAndAvgAsMariadbDefinesThem(String column, String sum, String avg) {
        ColumnInfo argument = Rows.column(column);
        assertEquals(sum, brief(AggregateColumns.sum("SUM", argument)));
        assertEquals(avg, brief(AggregateColumns.avg("AVG", argument, 4)));
    }

    @Test
    void countIsANotNullBigint() {
        assertEquals("COUNT(*):LONGLONG:f32897:c63:d0:l21", Rows.spec(AggregateColumns.count("COUNT(*)")));
    }

    @Test
    void avgFromThePartialSumIsExactForIntegersAndDecimals() {
        assertEquals("NEWDECIMAL;16;4", brief(AggregateColumns.avgFromPartialSum("AVG", Rows.column("s:NEWDECIMAL:l33"), 4)));
        assertEquals("NEWDECIMAL;16;6", brief(AggregateColumns.avgFromPartialSum("AVG", Rows.column("s:NEWDECIMAL:l34:d2"), 4)));
        assertEquals("NEWDECIMAL;71;34", brief(AggregateColumns.avgFromPartialSum("AVG", Rows.column("s:NEWDECIMAL:l67:d30"), 4)));
        assertEquals("DOUBLE;23;31", brief(AggregateColumns.avgFromPartialSum("AVG", Rows.column("s:DOUBLE:l23"), 4)));
    }

    private static String brief(ColumnInfo c) {
        return FieldType.of(c.type()) + ";" + c.length() + ";" + c.decimals();
    }
}
