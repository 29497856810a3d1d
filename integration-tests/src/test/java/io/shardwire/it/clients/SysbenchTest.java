package io.shardwire.it.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.shardwire.embedded.MariaDbCluster;
import io.shardwire.it.harness.MariaDbBackends;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * sysbench {@code oltp_read_write} through the proxy (text protocol: {@code --db-ps-mode=disable}): prepare, run
 * with four threads, cleanup; the run must commit transactions with no error and no reconnect, also over TLS.
 *
 * <p>Rows are picked uniformly: sysbench's default "special" distribution sends most statements to a few hot rows
 * and makes InnoDB report deadlocks even without a proxy. Only deadlocks and lock wait timeouts may be ignored
 * (sysbench would also skip 1020), so any other error aborts the run; and the count of ignored ones must be zero.
 */
@MariaDbBackends(count = 3)
class SysbenchTest {
    private static final Pattern TRANSACTIONS = Pattern.compile("transactions:\\s+(\\d+)");
    private static final Pattern IGNORED_ERRORS = Pattern.compile("ignored errors:\\s+(\\d+)");
    private static final Pattern RECONNECTS = Pattern.compile("reconnects:\\s+(\\d+)");
    private static Endpoints db;
    private static ExternalTool sysbench;
    private static TestCertificates certificates;

    @BeforeAll
    static void start(MariaDbCluster cluster) throws Exception {
        sysbench = ExternalTool.require("sysbench", "sysbench");
        // sysbench checks the server certificate against ./cacert.pem, so the proxy gets one signed by a test CA
        certificates = TestCertificates.create(Path.of(System.getProperty("basedir", "."), "target", "sysbench-tls")
                .toAbsolutePath());
        db = Endpoints.start(cluster, "sbtest", "tls: { cert: \"" + certificates.serverCert() + "\", key: \""
                + certificates.serverKey() + "\" }");
    }

    @AfterAll
    static void stop() throws SQLException {
        if (db != null) {
            db.close();
        }
    }

    private static List<String> args(String command, int seconds, String... extra) {
        List<String> args = new ArrayList<>(List.of("oltp_read_write", "--db-driver=mysql", "--tables=2",
                "--table-size=1000", "--threads=4", "--time=" + seconds, "--db-ps-mode=disable",
                "--rand-type=uniform", "--mysql-ignore-errors=1213,1205",
                "--mysql-host=127.0.0.1", "--mysql-port=" + db.proxyPort(), "--mysql-user=app",
                "--mysql-password=app", "--mysql-db=" + db.database()));
        args.addAll(List.of(extra));
        args.add(command);
        return args;
    }

    private static ExternalTool.Run succeed(List<String> args, long timeoutSeconds) {
        ExternalTool.Run run = sysbench.run(args, "", timeoutSeconds, certificates.dir());
        assertEquals(0, run.exitCode(), "sysbench " + args + "\n" + run);
        assertTrue(!run.stdout().contains("FATAL") && !run.stderr().contains("FATAL"), run.toString());
        return run;
    }

    private static long count(Pattern pattern, ExternalTool.Run run) {
        Matcher m = pattern.matcher(run.stdout());
        assertTrue(m.find(), "no '" + pattern + "' in sysbench output\n" + run);
        return Long.parseLong(m.group(1));
    }

    private static void assertCleanRun(ExternalTool.Run run) {
        assertTrue(count(TRANSACTIONS, run) > 0, "transactions committed\n" + run);
        assertEquals(0, count(IGNORED_ERRORS, run), "ignored errors\n" + run);
        assertEquals(0, count(RECONNECTS, run), "reconnects\n" + run);
    }

    @Test
    void oltpReadWriteRunsWithoutErrors() {
        succeed(args("prepare", 10), 120);
        try {
            assertCleanRun(succeed(args("run", 10), 120));
            assertCleanRun(succeed(args("run", 4, "--mysql-ssl=on"), 120));
        } finally {
            succeed(args("cleanup", 10), 120);
        }
    }
}
