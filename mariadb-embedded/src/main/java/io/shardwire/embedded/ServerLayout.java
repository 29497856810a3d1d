package io.shardwire.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where one server keeps its files: everything lives under {@code dir}, so deleting it removes the server.
 *
 * @param dir the server's own directory (absolute)
 */
record ServerLayout(Path dir) {

    /**
     * Relative on purpose: mariadbd changes into its data directory before binding the socket, so the socket
     * lands in the data directory however long that path is (a Unix socket path may not exceed 107 bytes).
     */
    static final String SOCKET_NAME = "mysqld.sock";

    ServerLayout {
        dir = dir.toAbsolutePath().normalize();
    }

    Path dataDir() {
        return dir.resolve("data");
    }

    Path tmpDir() {
        return dir.resolve("tmp");
    }

    Path socket() {
        return dataDir().resolve(SOCKET_NAME);
    }

    Path pidFile() {
        return dataDir().resolve("mysqld.pid");
    }

    Path errorLog() {
        return dir.resolve("error.log");
    }

    Path installLog() {
        return dir.resolve("install.log");
    }

    /** mariadbd's stdout and stderr; normally empty because everything goes to the error log. */
    Path consoleLog() {
        return dir.resolve("console.log");
    }

    /** A data directory exists once install succeeded; its {@code mysql} schema holds the grant tables. */
    boolean isInitialized() {
        return Files.isDirectory(dataDir().resolve("mysql"));
    }

    void createDirectories() {
        try {
            Files.createDirectories(tmpDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create server directory " + dir, e);
        }
    }

    /** Current size of the error log, so a later failure can show only what this attempt wrote. */
    long errorLogSize() {
        try {
            return Files.exists(errorLog()) ? Files.size(errorLog()) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
