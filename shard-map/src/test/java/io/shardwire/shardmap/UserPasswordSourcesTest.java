package io.shardwire.shardmap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a user's secret comes from (password, password_env, password_file), hashes and require_tls. */
class UserPasswordSourcesTest {
    private static final String REST = """
            backends: { s0: { primary: "mysql://127.0.0.1:1" } }
            databases: { shop: }
            """;
    private static final String HASH_OF_SECRET = "*14E65567ABDB5135D0CFD9A70B3032C179A49EE7";

    private static UserConfig onlyUser(String userYaml, Map<String, String> env) {
        return ConfigLoader.parse("users: [ " + userYaml + " ]\n" + REST, "x.yaml", env::get).users().getFirst();
    }

    @Test
    void passwordFromTheEnvironment() {
        UserConfig user = onlyUser("{ name: app, password_env: APP_PASSWORD }", Map.of("APP_PASSWORD", "s3cr3t\n"));
        // a variable is taken as it is: only files get their trailing newline removed
        assertEquals(new UserConfig("app", "s3cr3t\n", false), user);
    }

    @Test
    void passwordFromAFileLosesOneTrailingNewline(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("app"), "line one\n");
        Files.writeString(dir.resolve("crlf"), "crlf\r\n");
        Files.writeString(dir.resolve("two"), "two\n\n");
        Path config = dir.resolve("proxy.yaml");
        Files.writeString(config, """
                users:
                  - { name: app, password_file: app }
                  - { name: crlf, password_file: crlf }
                  - { name: two, password_file: %s }
                """.formatted(dir.resolve("two")) + REST);
        var users = ConfigLoader.load(config).users();
        assertEquals("line one", users.get(0).password(), "relative to the configuration file");
        assertEquals("crlf", users.get(1).password());
        assertEquals("two\n", users.get(2).password(), "only one newline is stripped");
    }

    @Test
    void errorsNeverShowTheSecret(@TempDir Path dir) throws IOException {
        Path secret = dir.resolve("secret");
        Files.writeString(secret, "hunter2");
        ConfigException two = assertThrows(ConfigException.class,
                () -> onlyUser("{ name: app, password: hunter2, password_file: " + secret + " }", Map.of()));
        assertFalse(two.getMessage().contains("hunter2"), two.getMessage());
        ConfigException list = assertThrows(ConfigException.class,
                () -> onlyUser("{ name: app, password: [ hunter2 ] }", Map.of()));
        assertFalse(list.getMessage().contains("hunter2"), list.getMessage());
        Files.createDirectory(dir.resolve("dir"));
        ConfigException unreadable = assertThrows(ConfigException.class,
                () -> onlyUser("{ name: app, password_file: " + dir.resolve("dir") + " }", Map.of()));
        assertTrue(unreadable.getMessage().contains("user 'app': cannot read the password file " + dir.resolve("dir")),
                unreadable.getMessage());
    }

    @Test
    void nativeHashesAreRecognised() {
        UserConfig user = onlyUser("{ name: app, password: \"" + HASH_OF_SECRET + "\" }", Map.of());
        assertTrue(user.passwordIsHash());
        assertTrue(onlyUser("{ name: app, password: \"" + HASH_OF_SECRET.toLowerCase() + "\" }", Map.of()).passwordIsHash());
        assertFalse(onlyUser("{ name: app, password: \"" + HASH_OF_SECRET.substring(1) + "\" }", Map.of()).passwordIsHash());
        assertFalse(onlyUser("{ name: app, password: \"" + HASH_OF_SECRET + "0\" }", Map.of()).passwordIsHash());
        assertThrows(IllegalArgumentException.class,
                () -> new UserConfig("app", HASH_OF_SECRET, false, UserConfig.CACHING_SHA2_PASSWORD));
    }

    @Test
    void requireTlsDefaultsToFalse() {
        assertFalse(onlyUser("{ name: app, password: a }", Map.of()).requireTls());
        assertTrue(onlyUser("{ name: app, password: a, require_tls: true }", Map.of()).requireTls());
        assertTrue(onlyUser("{ name: app, password: a, require_tls: true }", Map.of()).toString().contains("password=***"));
    }
}
