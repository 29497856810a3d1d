package io.shardwire.it.differential;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares the proxy's outcome of a statement with the reference server's, exactly: the same column labels,
 * types, precisions and scales; the same values as text; as a sequence when the statement orders its rows
 * totally, else as a multiset. Two errors agree when their error code and SQLSTATE do (a statement that fails on
 * one server must fail the same way through the proxy). Stateless.
 */
final class Differ {
    private static final int SHOWN = 3;
    private static final Comparator<List<String>> ROW_ORDER = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = Comparator.nullsFirst(Comparator.<String>naturalOrder()).compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    private Differ() {
    }

    /** Empty when they agree; else what differs, for a person to read. */
    static Optional<String> compare(Outcome proxy, Outcome reference, boolean ordered) {
        if (proxy instanceof Outcome.Rows p && reference instanceof Outcome.Rows r) {
            return columns(p.columns(), r.columns()).or(() -> ordered ? sequence(p.rows(), r.rows()) : multiset(p.rows(), r.rows()));
        }
        if (proxy instanceof Outcome.Update p && reference instanceof Outcome.Update r) {
            return p.count() == r.count() ? Optional.empty()
                    : Optional.of("affected rows: proxy " + p.count() + ", reference " + r.count());
        }
        if (proxy instanceof Outcome.Failure p && reference instanceof Outcome.Failure r) {
            return p.errorCode() == r.errorCode() && p.sqlState().equals(r.sqlState()) ? Optional.empty()
                    : Optional.of("different errors: proxy " + p + "; reference " + r);
        }
        return Optional.of("proxy: " + describe(proxy) + "; reference: " + describe(reference));
    }

    static String describe(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Rows r -> r.rows().size() + " row(s) of " + r.columns()
                    + (r.rows().isEmpty() ? "" : ", first " + r.rows().get(0));
            case Outcome.Update u -> "update count " + u.count();
            case Outcome.Failure f -> f.toString();
        };
    }

    private static Optional<String> columns(List<Outcome.Column> proxy, List<Outcome.Column> reference) {
        if (proxy.equals(reference)) {
            return Optional.empty();
        }
        for (int i = 0; i < Math.min(proxy.size(), reference.size()); i++) {
            if (!proxy.get(i).equals(reference.get(i))) {
                return Optional.of("column " + (i + 1) + ": proxy " + proxy.get(i) + ", reference " + reference.get(i)
                        + detail(proxy.get(i), reference.get(i)));
            }
        }
        return Optional.of("columns: proxy " + proxy + ", reference " + reference);
    }

    private static String detail(Outcome.Column p, Outcome.Column r) {
        return p.jdbcType() != r.jdbcType() ? " (java.sql.Types " + p.jdbcType() + " vs " + r.jdbcType() + ")" : "";
    }

    private static Optional<String> sequence(List<List<String>> proxy, List<List<String>> reference) {
        for (int i = 0; i < Math.min(proxy.size(), reference.size()); i++) {
            if (!proxy.get(i).equals(reference.get(i))) {
                return Optional.of("row " + (i + 1) + " (of " + proxy.size() + " / " + reference.size() + "): proxy "
                        + proxy.get(i) + ", reference " + reference.get(i));
            }
        }
        if (proxy.size() != reference.size()) {
            boolean proxyLonger = proxy.size() > reference.size();
            List<String> extra = (proxyLonger ? proxy : reference).get(Math.min(proxy.size(), reference.size()));
            return Optional.of("proxy returned " + proxy.size() + " rows, reference " + reference.size()
                    + "; first extra row (" + (proxyLonger ? "proxy" : "reference") + "): " + extra);
        }
        return Optional.empty();
    }

    private static Optional<String> multiset(List<List<String>> proxy, List<List<String>> reference) {
        Map<List<String>, Integer> counts = new HashMap<>();
        proxy.forEach(row -> counts.merge(row, 1, Integer::sum));
        reference.forEach(row -> counts.merge(row, -1, Integer::sum));
        List<List<String>> onlyProxy = new ArrayList<>();
        List<List<String>> onlyReference = new ArrayList<>();
        counts.forEach((row, n) -> {
            for (int i = 0; i < Math.abs(n); i++) {
                (n > 0 ? onlyProxy : onlyReference).add(row);
            }
        });
        if (onlyProxy.isEmpty() && onlyReference.isEmpty()) {
            return Optional.empty();
        }
        onlyProxy.sort(ROW_ORDER);
        onlyReference.sort(ROW_ORDER);
        return Optional.of("rows differ (as a multiset; proxy " + proxy.size() + " rows, reference " + reference.size()
                + "): only in proxy " + onlyProxy.size() + head(onlyProxy) + "; only in reference " + onlyReference.size()
                + head(onlyReference));
    }

    private static String head(List<List<String>> rows) {
        return rows.isEmpty() ? "" : ", e.g. " + rows.subList(0, Math.min(SHOWN, rows.size()));
    }
}
