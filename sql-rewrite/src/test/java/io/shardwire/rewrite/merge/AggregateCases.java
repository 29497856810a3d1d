package io.shardwire.rewrite.merge;

import java.util.ArrayList;
import java.util.List;

/**
 * The cases of {@code aggregate-cases.txt}, recorded from MariaDB 10.11 by
 * {@code src/test/mariadb/record-fixtures.py}: each shard's partial result (with the column definitions the
 * server sent) and the result of the original query over all rows on one server.
 */
record AggregateCases(String name, List<AggregateSpec> specs, List<Block> shards, Block expected) {

    record Block(String header, List<String> rows) {
        FixtureStream stream() {
            return Rows.stream(header, rows.toArray(String[]::new));
        }
    }

    static List<AggregateCases> load() {
        List<AggregateCases> cases = new ArrayList<>();
        List<String> lines = Fixtures.lines("aggregate-cases.txt");
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith("=== ")) {
                continue;
            }
            String name = lines.get(i).substring(4);
            List<AggregateSpec> specs = specs(lines.get(++i).substring("specs: ".length()));
            List<Block> blocks = new ArrayList<>();
            while (i + 1 < lines.size() && lines.get(i + 1).startsWith("--- ")) {
                String header = lines.get(i + 2);
                List<String> rows = new ArrayList<>();
                for (i += 3; i < lines.size() && !lines.get(i).startsWith("--- ") && !lines.get(i).isEmpty(); i++) {
                    rows.add(lines.get(i));
                }
                i--;
                blocks.add(new Block(header, rows));
            }
            cases.add(new AggregateCases(name, specs, blocks.subList(0, blocks.size() - 1), blocks.getLast()));
        }
        return cases;
    }

    /** {@code key(0) count(1) sum(2) avg(2,3,AVG(i)) min(4) max(5) any(6)}. */
    static List<AggregateSpec> specs(String text) {
        List<AggregateSpec> specs = new ArrayList<>();
        for (String token : text.split(" ")) {
            String kind = token.substring(0, token.indexOf('('));
            String[] args = token.substring(kind.length() + 1, token.length() - 1).split(",", 3);
            int column = Integer.parseInt(args[0]);
            specs.add(switch (kind) {
                case "key" -> new AggregateSpec.GroupKey(column);
                case "count" -> new AggregateSpec.Count(column);
                case "sum" -> new AggregateSpec.Sum(column);
                case "min" -> new AggregateSpec.Min(column);
                case "max" -> new AggregateSpec.Max(column);
                case "avg" -> new AggregateSpec.Avg(column, Integer.parseInt(args[1]), args[2]);
                case "any" -> new AggregateSpec.AnyValue(column);
                default -> throw new IllegalArgumentException("unknown spec " + token);
            });
        }
        return specs;
    }

    @Override
    public String toString() {
        return name;
    }
}
