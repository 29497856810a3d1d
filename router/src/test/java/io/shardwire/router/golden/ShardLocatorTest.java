package io.shardwire.router.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shardwire.router.route.Route;
import io.shardwire.router.route.RouteException;
import io.shardwire.router.route.ShardLocator;
import io.shardwire.router.route.StatementRouter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** SHOW SHARD FOR's answer agrees with where the router sends the key, and names the range that holds it. */
class ShardLocatorTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 42, 99_999, -7})
    void aHashKeyLandsWhereTheRouterSendsIt(int id) {
        ShardLocator.Location l = ShardLocator.locate(Fixture.MAP, Fixture.SCHEMAS, "shop", null, "customers", String.valueOf(id));
        Route route = new StatementRouter(Fixture.MAP, Fixture.SCHEMAS, "shop").route("SELECT * FROM customers WHERE id = " + id);
        assertEquals(((Route.Single) route).shard(), l.shard());
        assertTrue(l.keyspaceId().startsWith("0x") && l.rangeStart().startsWith("0x"), l.toString());
        assertTrue(l.keyspaceId().compareTo(l.rangeStart()) >= 0, l.toString());
        assertTrue(l.rangeEnd().isEmpty() || l.keyspaceId().compareTo(l.rangeEnd()) < 0, l.toString());
    }

    @ParameterizedTest
    @CsvSource({"5, s0, '', 1000", "1000, s1, 1000, 2000", "1999, s1, 1000, 2000", "2000, s2, 2000, ''", "-3, s0, '', 1000"})
    void aRangeKeyNamesItsConfiguredRange(String key, String shard, String start, String end) {
        ShardLocator.Location l = ShardLocator.locate(Fixture.MAP, Fixture.SCHEMAS, "shop", "shop", "ledger", key);
        assertEquals(shard, l.shard());
        assertEquals(start == null ? "" : start, l.rangeStart());
        assertEquals(end == null ? "" : end, l.rangeEnd());
        assertEquals(null, l.keyspaceId());
    }

    @Test
    void tablesWithoutAKeyAreRefusedWithTheReason() {
        assertTrue(assertThrows(RouteException.class, () -> ShardLocator.locate(Fixture.MAP, Fixture.SCHEMAS, "shop", null,
                "countries", "1")).getMessage().contains("broadcast"));
        assertTrue(assertThrows(RouteException.class, () -> ShardLocator.locate(Fixture.MAP, Fixture.SCHEMAS, "shop", null,
                "no_such_table", "1")).getMessage().contains("no sharding rule"));
        assertTrue(assertThrows(RouteException.class, () -> ShardLocator.locate(Fixture.MAP, Fixture.SCHEMAS, "shop", null,
                "customers", "not-a-number")).getMessage().contains("not a valid"));
    }
}
