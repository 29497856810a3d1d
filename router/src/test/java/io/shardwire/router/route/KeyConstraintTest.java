package io.shardwire.router.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * AND and OR of key constraints may widen but never narrow: over a small integer domain, the keys a combined
 * constraint admits include every key that both (AND) or either (OR) of its parts admit.
 */
class KeyConstraintTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void combinationsNeverNarrow(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 2000; i++) {
            KeyConstraint a = random(random);
            KeyConstraint b = random(random);
            KeyConstraint and = KeyConstraint.and(a, b);
            KeyConstraint or = KeyConstraint.or(a, b);
            for (int key = -2; key <= 22; key++) {
                boolean inA = admits(a).test(key);
                boolean inB = admits(b).test(key);
                assertTrue(!(inA && inB) || admits(and).test(key), a + " AND " + b + " = " + and + " drops key " + key);
                assertTrue(!(inA || inB) || admits(or).test(key), a + " OR " + b + " = " + or + " drops key " + key);
            }
        }
    }

    @Test
    void noneAbsorbsAndIsNeutralInOr() {
        KeyConstraint values = new KeyConstraint.Values(List.of("1"));
        assertEquals(KeyConstraint.NONE, KeyConstraint.and(KeyConstraint.NONE, values));
        assertEquals(values, KeyConstraint.or(KeyConstraint.NONE, values));
        assertEquals(values, KeyConstraint.and(KeyConstraint.ANY, values));
        assertEquals(KeyConstraint.ANY, KeyConstraint.or(KeyConstraint.ANY, values));
        assertEquals(new KeyConstraint.Values(List.of("1", "2")), KeyConstraint.or(values, new KeyConstraint.Values(List.of("2"))));
    }

    private static KeyConstraint random(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> KeyConstraint.ANY;
            case 1 -> KeyConstraint.NONE;
            case 2 -> {
                List<String> values = new ArrayList<>();
                for (int n = 1 + random.nextInt(3); n > 0; n--) {
                    values.add(Integer.toString(random.nextInt(21)));
                }
                yield new KeyConstraint.Values(values);
            }
            default -> new KeyConstraint.Range(bound(random), random.nextBoolean(), bound(random), random.nextBoolean());
        };
    }

    private static String bound(Random random) {
        return random.nextInt(4) == 0 ? null : Integer.toString(random.nextInt(21));
    }

    private static IntPredicate admits(KeyConstraint c) {
        return switch (c) {
            case KeyConstraint.Any a -> key -> true;
            case KeyConstraint.None n -> key -> false;
            case KeyConstraint.Values v -> key -> v.values().contains(Integer.toString(key));
            case KeyConstraint.Range r -> key -> (r.low() == null || (r.lowInclusive() ? key >= Integer.parseInt(r.low()) : key > Integer.parseInt(r.low())))
                    && (r.high() == null || (r.highInclusive() ? key <= Integer.parseInt(r.high()) : key < Integer.parseInt(r.high())));
        };
    }
}
