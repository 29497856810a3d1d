package io.shardwire.embedded;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Creates a data directory with {@code mariadb-install-db}: system tables and real grant tables.
 *
 * <p>It installs into a uniquely named staging directory and renames it into place on success, so a failed
 * install never looks usable and two concurrent installs of the same directory cannot mix their files.
 */
final class InstallDb {
    private static final long TIMEOUT_SECONDS = 120;

    private InstallDb() {
    }

    /** Installs {@code commandLine.layout().dataDir()} unless another caller got there first. */
    static void run(MariaDbCommandLine commandLine) {
        ServerLayout layout = commandLine.layout();
        Path staging = layout.dir().resolve("data.installing-" + UUID.randomUUID());
        List<String> command = commandLine.installDb(staging);
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(layout.installLog().toFile()))
                    .redirectInput(Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw failure("did not finish in " + TIMEOUT_SECONDS + " s", command, layout);
            }
            if (process.exitValue() != 0) {
                throw failure("exited with code " + process.exitValue(), command, layout);
            }
            try {
                Files.move(staging, layout.dataDir());
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
                Directories.deleteRecursively(staging);
            }
        } catch (IOException e) {
            throw new MariaDbStartException("mariadb-install-db failed for " + layout.dir() + ": " + e
                    + LogTail.section(layout.installLog(), 0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MariaDbStartException("interrupted while initialising " + layout.dataDir(), e);
        }
    }

    private static MariaDbStartException failure(String what, List<String> command, ServerLayout layout) {
        return new MariaDbStartException("mariadb-install-db " + what + " while initialising " + layout.dataDir()
                + "\ncommand: " + String.join(" ", command) + LogTail.section(layout.installLog(), 0), null);
    }
}
