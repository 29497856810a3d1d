package io.shardwire.router.fuzz;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The seed corpus of the SQL fuzz tests: one statement or multi-statement text per file under
 * {@code sql-seeds/}. The four targets share it, so it is a method source (which Jazzer also mutates from)
 * rather than four copies in their inputs directories; those hold only the reproducers of findings.
 */
final class SqlSeeds {
    static final String SOURCE = "io.shardwire.router.fuzz.SqlSeeds#statements";

    private SqlSeeds() {
    }

    static Stream<Arguments> statements() throws IOException, URISyntaxException {
        Path dir = Path.of(SqlSeeds.class.getResource("sql-seeds").toURI());
        List<Arguments> seeds = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                seeds.add(Arguments.of(Named.of(file.getFileName().toString(), Files.readAllBytes(file))));
            }
        }
        return seeds.stream();
    }

    /**
     * The text as the server gets it from a COM_QUERY in utf8mb4: malformed sequences become U+FFFD, as with
     * {@code ComQuery.sql(Charset)}. Fuzzing bytes rather than strings keeps the corpus files plain SQL.
     */
    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
