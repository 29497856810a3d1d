package io.shardwire.router.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.shardwire.router.classify.FrontendStatement;
import io.shardwire.router.classify.StatementAccess;
import io.shardwire.router.classify.StatementClassifier;
import io.shardwire.router.classify.StatementSplitter;
import io.shardwire.router.classify.StatementSplitter.Piece;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing of {@link StatementClassifier} (with the SET, KILL, SHOW and operator-command
 * parsers behind it), which decides from tokens alone what the proxy does with a statement, and of
 * {@link StatementAccess}, which reads what the statement needs for the privilege check: they must never throw,
 * whether given the whole text or, as the server does, each statement the splitter cut from it.
 */
class StatementClassifierFuzzTest {

    @MethodSource(SqlSeeds.SOURCE)
    @FuzzTest(maxDuration = "12s")
    void classifiesAnyText(byte[] input) {
        String sql = SqlSeeds.text(input);
        assertEquals(sql, StatementClassifier.classify(sql).sql());
        for (Piece piece : StatementSplitter.splitTokenized(sql)) {
            FrontendStatement statement = StatementClassifier.classify(piece.sql(), piece.tokens());
            assertEquals(piece.sql(), statement.sql());
            StatementAccess.of(statement, piece.tokens()); // what the privilege check reads: never throws either
        }
    }
}
