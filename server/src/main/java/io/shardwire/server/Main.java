package io.shardwire.server;

import io.shardwire.server.demo.Demo;
import io.shardwire.shardmap.ConfigException;
import java.util.Optional;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import io.shardwire.shardmap.ConfigLoader;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The command line: {@code shardwire --config FILE} and {@code shardwire demo}. */
@Command(name = "shardwire", mixinStandardHelpOptions = true, version = "shardwire 0.1.0",
        description = "A MySQL wire-protocol sharding proxy.", subcommands = Demo.class)
public final class Main implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "the YAML configuration to run")
    private Path config;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (config == null) {
            System.err.println("shardwire: give --config FILE, or run 'shardwire demo' (see --help)");
            return 2;
        }
        ShardwireServer server;
        try {
            // the TLS files are read at start, so their problems are configuration errors too
            server = ShardwireServer.start(ConfigLoader.load(config), Optional.of(config));
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        reloadOnHangup(server.context().config());
        runUntilStopped(server::close);
        return 0;
    }

    /** SIGHUP re-reads the configuration file, as RELOAD CONFIG does; a refusal is logged and changes nothing. */
    private static void reloadOnHangup(ConfigReloader reloader) {
        try {
            Signal.handle(new Signal("HUP"), signal -> Thread.ofVirtual().start(() -> {
                try {
                    reloader.reload();
                } catch (RuntimeException e) {
                    LoggerFactory.getLogger(Main.class).warn("SIGHUP: {}", e.getMessage());
                }
            }));
        } catch (IllegalArgumentException e) {
            LoggerFactory.getLogger(Main.class).warn("SIGHUP is not available here; use RELOAD CONFIG ({})", e.getMessage());
        }
    }

    /** Blocks until SIGINT/SIGTERM, then runs {@code stop} once before the JVM exits. */
    public static void runUntilStopped(Runnable stop) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                stop.run();
            } finally {
                stopped.countDown();
            }
        }, "shardwire-shutdown"));
        stopped.await();
    }
}
