package io.shardwire.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A freshly installed data directory that new servers copy instead of running mariadb-install-db.
 *
 * <p>Installing costs one to several seconds of CPU (system tables, help tables, the sys schema); copying
 * the ~40 MB result costs milliseconds. So N servers under one base directory pay for a single install,
 * which matters on a 2-core CI box where parallel installs compete for the same CPUs.
 */
final class DataDirTemplate {

    private DataDirTemplate() {
    }

    /**
     * The template's data directory under {@code baseDir}, installed first if missing. It is keyed by the
     * mariadbd binary, so a different or upgraded server never starts from another version's system tables.
     */
    static Path ensure(MariaDbBinaries binaries, Path baseDir) {
        ServerLayout template = new ServerLayout(baseDir.resolve(".template-" + fingerprint(binaries)));
        if (!template.isInitialized()) {
            template.createDirectories();
            InstallDb.run(new MariaDbCommandLine(binaries, template, 0, List.of()));
        }
        return template.dataDir();
    }

    /** Copies the template to {@code dataDir} through a staging directory, so a half copy is never used. */
    static void copy(Path templateDataDir, Path dataDir) {
        Path staging = dataDir.resolveSibling(dataDir.getFileName() + ".copying-" + UUID.randomUUID());
        try (Stream<Path> paths = Files.walk(templateDataDir)) {
            for (Path source : paths.toList()) {
                Path target = staging.resolve(templateDataDir.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
            try {
                Files.move(staging, dataDir);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
                Directories.deleteRecursively(staging);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy data directory template " + templateDataDir + " to "
                    + dataDir, e);
        }
    }

    private static String fingerprint(MariaDbBinaries binaries) {
        Path server = binaries.mariadbd();
        try {
            int hash = Objects.hash(server.toRealPath().toString(), Files.size(server),
                    Files.getLastModifiedTime(server).toMillis());
            return Integer.toHexString(hash);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + server, e);
        }
    }
}
