package io.shardwire.router.fuzz;

import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.shardwire.router.sql.SqlDigest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing of {@link SqlDigest}, computed for every statement (query digests, plan-cache key):
 * it must never throw, and its literal slots must be ordered spans of the text, because a cached plan
 * substitutes the values found at them.
 */
class SqlDigestFuzzTest {

    @MethodSource(SqlSeeds.SOURCE)
    @FuzzTest(maxDuration = "12s")
    void digestsAnyText(byte[] input) {
        String sql = SqlSeeds.text(input);
        SqlDigest digest = SqlDigest.of(sql);
        int previousEnd = 0;
        for (SqlDigest.Literal literal : digest.literals()) {
            if (literal.start() < previousEnd || literal.end() <= literal.start() || literal.end() > sql.length()) {
                fail(literal + " after a literal ending at " + previousEnd + " in " + sql.length() + " chars");
            }
            previousEnd = literal.end();
        }
    }
}
