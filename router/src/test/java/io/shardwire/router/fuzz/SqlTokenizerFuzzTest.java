package io.shardwire.router.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.shardwire.router.sql.SqlTokenizer;
import io.shardwire.router.sql.Token;
import io.shardwire.router.sql.TokenType;
import java.util.List;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Coverage-guided fuzzing of {@link SqlTokenizer}, which sees every statement before any parser: it must
 * never throw, and its tokens must be non-empty spans of the text in order, so that the splitter, the digest
 * and the rewriters can cut the text at them.
 */
class SqlTokenizerFuzzTest {

    @MethodSource(SqlSeeds.SOURCE)
    @FuzzTest(maxDuration = "12s")
    void lexesAnyText(byte[] input) {
        String sql = SqlSeeds.text(input);
        List<Token> tokens = SqlTokenizer.tokenize(sql);
        int previousEnd = 0;
        for (Token t : tokens) {
            if (t.start() < previousEnd || t.end() <= t.start() || t.end() > sql.length()) {
                fail(t + " after a token ending at " + previousEnd + " in " + sql.length() + " chars");
            }
            if (t.type() == TokenType.WORD || t.type() == TokenType.SYMBOL || t.type() == TokenType.PLACEHOLDER) {
                // Only strings, quoted names and variables are unquoted; everything else is the text as written.
                assertEquals(sql.substring(t.start(), t.end()), t.text());
            }
            previousEnd = t.end();
        }
    }
}
