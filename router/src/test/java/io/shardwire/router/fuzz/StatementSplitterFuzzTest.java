package io.shardwire.router.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.shardwire.router.classify.StatementSplitter;
import io.shardwire.router.classify.StatementSplitter.Piece;
import io.shardwire.router.sql.SqlTokenizer;
import java.util.List;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing of {@link StatementSplitter}, which cuts every multi-statement COM_QUERY: it must
 * never throw, every statement must be a piece of the text, and the tokens handed on with it must be its own
 * (the classifier and router read positions from them).
 */
class StatementSplitterFuzzTest {

    @MethodSource(SqlSeeds.SOURCE)
    @FuzzTest(maxDuration = "12s")
    void splitsAnyText(byte[] input) {
        String sql = SqlSeeds.text(input);
        List<Piece> pieces = StatementSplitter.splitTokenized(sql);
        assertFalse(pieces.isEmpty(), "a text is at least one statement");
        for (Piece piece : pieces) {
            if (!sql.contains(piece.sql())) {
                fail("statement \"" + piece.sql() + "\" is not part of the text");
            }
            assertEquals(SqlTokenizer.tokenize(piece.sql()), piece.tokens());
        }
    }
}
