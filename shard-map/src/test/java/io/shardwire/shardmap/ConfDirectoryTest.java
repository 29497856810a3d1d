package io.shardwire.shardmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example configuration in the repository's conf/ directory must load. */
class ConfDirectoryTest {

    private static final Path CONF = Path.of("../conf");

    static Stream<Path> confFiles() throws IOException {
        try (Stream<Path> files = Files.list(CONF)) {
            List<Path> yaml = files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
            assertTrue(yaml.size() >= 2, "expected the example configurations in " + CONF.toAbsolutePath());
            return yaml.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("confFiles")
    void loadsAndBuildsAShardMap(Path file) {
        ShardwireConfig config = ConfigLoader.load(file);
        ShardMap map = ShardMap.from(config, 1);
        assertEquals(config.backendNames(), map.shards());
        assertEquals(config.databases().size(), map.databases().size());
    }

    @Test
    void singleIsOneUnshardedBackend() {
        ShardwireConfig c = ConfigLoader.load(CONF.resolve("single.yaml"));
        assertEquals(List.of(new UserConfig("app", "app", false), new UserConfig("admin", "admin", true)), c.users());
        assertEquals(List.of(new BackendConfig("s0", new BackendAddress("root", "", "127.0.0.1", 3306, Map.of()), List.of())), c.backends());
        assertEquals(List.of(new DatabaseConfig("shop", "s0", List.of())), c.databases());
        assertEquals(ServerConfig.defaults(), c.server());
    }
}
