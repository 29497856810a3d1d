package io.shardwire.it.differential;

import java.util.List;

/**
 * One entry of the corpus: statements run in order on one proxy connection and one reference connection, each
 * compared, then (for writes) the named tables compared row for row between the shards and the reference.
 *
 * @param verify tables whose whole contents are compared afterwards (empty for reads)
 */
record Case(String category, List<Step> steps, List<String> verify) {

    Case {
        steps = List.copyOf(steps);
        verify = List.copyOf(verify);
    }

    /**
     * One statement.
     *
     * @param ordered the statement's ORDER BY makes the row order total, so rows are compared as a sequence
     * @param refusal null when the proxy must answer as the reference does; otherwise the proxy must refuse the
     *     statement with an error containing this text (it is not run on the reference)
     */
    record Step(String sql, boolean ordered, String refusal) {
        static Step same(String sql, boolean ordered) {
            return new Step(sql, ordered, null);
        }

        static Step refused(String sql, String expectedError) {
            return new Step(sql, false, expectedError);
        }
    }

    boolean refusal() {
        return steps.stream().anyMatch(s -> s.refusal() != null);
    }

    /** A short name for reports: the first statement that is not transaction control. */
    String title() {
        return steps.stream().map(Step::sql).filter(s -> !s.matches("(?i)(BEGIN|START TRANSACTION|COMMIT|ROLLBACK).*"))
                .findFirst().orElse(steps.get(0).sql());
    }
}
