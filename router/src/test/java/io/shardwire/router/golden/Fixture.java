package io.shardwire.router.golden;

import io.shardwire.shardmap.ConfigLoader;
import io.shardwire.shardmap.ShardMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The shard map and table metadata of {@code routes/}: what every golden case (and the property tests) route on. */
final class Fixture {
    /** The source folder (not the copy in target/), so that a regenerate run rewrites the files under review. */
    static final Path ROOT = locate();
    static final ShardMap MAP = ShardMap.from(ConfigLoader.parse(read(ROOT.resolve("shardwire.yaml")), "routes/shardwire.yaml"), 1);
    static final FixtureSchemas SCHEMAS = FixtureSchemas.parse(read(ROOT.resolve("schemas.txt")));

    private Fixture() {
    }

    private static Path locate() {
        for (Path candidate : List.of(Path.of("src/test/resources/routes"), Path.of("router/src/test/resources/routes"))) {
            if (Files.isDirectory(candidate)) {
                return candidate.toAbsolutePath();
            }
        }
        throw new IllegalStateException("routes/ not found from " + Path.of("").toAbsolutePath());
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
