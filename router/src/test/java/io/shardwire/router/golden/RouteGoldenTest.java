package io.shardwire.router.golden;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.shardwire.router.golden.GoldenCase.Outcome;
import io.shardwire.router.plan.ScatterPlan;
import io.shardwire.router.plan.ScatterRewriter;
import io.shardwire.router.route.Route;
import io.shardwire.router.route.RouteException;
import io.shardwire.router.route.StatementRouter;
import io.shardwire.shardmap.ShardMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Golden route tests: every {@code routes/<category>/<name>.yaml} is one statement and the route (or
 * refusal) it must get on the shard map of {@code routes/shardwire.yaml}. See {@code routes/README.md};
 * {@code -Dgoldens.regenerate=true} rewrites the expectations from the actual output for review.
 */
class RouteGoldenTest {
    private static final Path ROOT = Fixture.ROOT;
    private static final boolean REGENERATE = Boolean.getBoolean("goldens.regenerate");
    /** Guards against a corpus that silently went missing (a wrong path would otherwise run nothing). */
    private static final int MINIMUM_CASES = 300;

    private static final ShardMap MAP = Fixture.MAP;
    private static final FixtureSchemas SCHEMAS = Fixture.SCHEMAS;

    @TestFactory
    Stream<DynamicNode> goldens() {
        return categories().stream().map(dir -> DynamicContainer.dynamicContainer(dir.getFileName().toString(),
                cases(dir).stream().map(file -> DynamicTest.dynamicTest(name(dir, file), file.toUri(), () -> run(file)))));
    }

    @Test
    void corpusIsComplete() {
        long count = categories().stream().mapToLong(dir -> cases(dir).size()).sum();
        assertTrue(count >= MINIMUM_CASES, "only " + count + " golden cases under " + ROOT);
    }

    private static void run(Path file) throws IOException {
        GoldenCase c = GoldenCase.read(file);
        Outcome actual = outcome(c);
        if (matches(c.expected(), actual)) {
            return;
        }
        if (REGENERATE) {
            Files.writeString(file, c.withExpectation(actual), StandardCharsets.UTF_8);
            assertEquals(actual, GoldenCase.read(file).expected(), "the rewritten file reads back as written");
            fail("rewrote " + ROOT.relativize(file) + " from the actual output: review the diff, then run again without"
                    + " -Dgoldens.regenerate");
        }
        switch (c.expected()) {
            case Outcome.Missing m -> fail("no expectation (route: or error:) in " + file + "; actual:\n" + describe(actual));
            case Outcome.Routed r when actual instanceof Outcome.Routed a -> assertEquals(r.rendering(), a.rendering(), c.sql());
            default -> assertEquals(describe(c.expected()), describe(actual), c.sql());
        }
    }

    static Outcome outcome(GoldenCase c) {
        try {
            Route route = new StatementRouter(MAP, SCHEMAS, c.database()).route(c.sql());
            ScatterPlan plan = route instanceof Route.Scatter s ? ScatterRewriter.rewrite(s) : null;
            Invariants.check(MAP, c.sql(), route, plan);
            return new Outcome.Routed(RouteRendering.render(c.sql(), route, plan));
        } catch (RouteException e) {
            return new Outcome.Refused(e.parseError() ? "parse" : "unsupported", e.getMessage());
        }
    }

    /** A refusal matches when it is of the expected kind and its message contains the expected text. */
    private static boolean matches(Outcome expected, Outcome actual) {
        return switch (expected) {
            case Outcome.Routed r -> actual instanceof Outcome.Routed a && a.rendering().equals(r.rendering());
            case Outcome.Refused r -> actual instanceof Outcome.Refused a && a.kind().equals(r.kind()) && a.message().contains(r.message());
            case Outcome.Missing m -> false;
        };
    }

    private static String describe(Outcome o) {
        return switch (o) {
            case Outcome.Routed r -> "route:\n" + r.rendering();
            case Outcome.Refused r -> "error: " + r.kind() + "\nmessage: " + r.message();
            case Outcome.Missing m -> "(nothing)";
        };
    }

    private static List<Path> categories() {
        try (Stream<Path> s = Files.list(ROOT)) {
            return s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> cases(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** category/name: unique, so that reports do not merge cases of the same name in two categories. */
    private static String name(Path dir, Path file) {
        String n = file.getFileName().toString();
        return dir.getFileName() + "/" + n.substring(0, n.length() - ".yaml".length());
    }
}
