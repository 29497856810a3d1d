package io.shardwire.it.differential;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * The statements of the differential test, grouped by category, in the order they run: reads first (on the
 * loaded data), then writes each followed by reads, transactions, refusals. Built from templates with a seeded
 * {@link Random} over the generated data, so every run asks the same questions.
 *
 * <p>Not thread-safe; built once.
 */
final class Corpus {
    final ShopData data;
    final Random random = new Random(ShopData.SEED + 1);
    private final List<Case> cases = new ArrayList<>();
    private String category = "uncategorised";

    private Corpus(ShopData data) {
        this.data = data;
    }

    static List<Case> build(ShopData data) {
        Corpus corpus = new Corpus(data);
        KeyedReads.addTo(corpus);
        MergedReads.addTo(corpus);
        RelationalReads.addTo(corpus);
        RelationalReads.session(corpus);
        Writes.addTo(corpus);
        Refusals.addTo(corpus);
        return List.copyOf(corpus.cases);
    }

    Corpus category(String name) {
        this.category = name;
        return this;
    }

    /** A read whose rows are compared as a multiset. */
    void read(String sql) {
        cases.add(new Case(category, List.of(Case.Step.same(sql, false)), List.of()));
    }

    /** A read whose ORDER BY is total: rows compared in order. */
    void ordered(String sql) {
        cases.add(new Case(category, List.of(Case.Step.same(sql, true)), List.of()));
    }

    /** Statements run in order (writes, reads, transaction control), then the tables compared whole. */
    void steps(List<String> verify, Case.Step... steps) {
        cases.add(new Case(category, List.of(steps), verify));
    }

    /** A statement the proxy must refuse with {@code expectedError}; the tables must be unchanged afterwards. */
    void refused(String sql, String expectedError, String... verify) {
        cases.add(new Case(category, List.of(Case.Step.refused(sql, expectedError)), List.of(verify)));
    }

    static Case.Step same(String sql) {
        return Case.Step.same(sql, false);
    }

    static Case.Step inOrder(String sql) {
        return Case.Step.same(sql, true);
    }

    // ---- parameters drawn from the data ----

    long customer() {
        return data.customerIds.get(random.nextInt(data.customerIds.size()));
    }

    /** A customer with many orders, most of the time (orders are skewed towards the first customers drawn). */
    long busyCustomer() {
        return data.orderCustomer.get(data.orderIds.get(random.nextInt(data.orderIds.size())));
    }

    long order() {
        return data.orderIds.get(random.nextInt(data.orderIds.size()));
    }

    String email() {
        return data.accountEmails.get(random.nextInt(data.accountEmails.size()));
    }

    /** {@code n} distinct customers as an IN list body. */
    String customers(int n) {
        return random.ints(0, data.customerIds.size()).distinct().limit(n)
                .mapToObj(i -> String.valueOf(data.customerIds.get(i))).collect(Collectors.joining(", "));
    }

    int between(int lowInclusive, int highInclusive) {
        return lowInclusive + random.nextInt(highInclusive - lowInclusive + 1);
    }

    String day() {
        return LocalDate.of(2023, 1, 1).plusDays(random.nextInt(3 * 365)).toString();
    }
}
