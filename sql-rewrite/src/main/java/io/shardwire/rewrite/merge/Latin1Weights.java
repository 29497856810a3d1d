package io.shardwire.rewrite.merge;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one-byte weights of a MariaDB latin1 collation, per latin1 byte. They differ in ways an approximation
 * would get wrong: {@code latin1_swedish_ci} (the latin1 default) sorts {@code 'ä'} after {@code 'z'} and
 * makes {@code 'ü' = 'y'}, while {@code latin1_general_ci} keeps {@code 'ä'} a letter of its own. A value
 * that arrives in another character set is mapped to latin1 first, as the server would store it.
 */
final class Latin1Weights implements WeightTable {

    private final byte[] weights;

    private Latin1Weights(byte[] weights) {
        this.weights = weights;
    }

    /**
     * {@code latin1_bin}: the latin1 byte itself. Not code point order: the euro sign is byte 0x80, before
     * {@code 'Œ'} (0x8C) and the no-break space (0xA0), although U+20AC is the larger code point.
     */
    static Latin1Weights binary() {
        byte[] identity = new byte[256];
        for (int b = 0; b < 256; b++) {
            identity[b] = (byte) b;
        }
        return new Latin1Weights(identity);
    }

    /** The table of the named latin1 collation, if {@code latin1-weights.tsv} has one. */
    static Optional<Latin1Weights> named(String collation) {
        return Optional.ofNullable(Holder.TABLES.get(collation));
    }

    @Override
    public void append(int codePoint, StringBuilder out) {
        out.append((char) (weights[MysqlLatin1.byteOf(codePoint)] & 0xFF));
    }

    @Override
    public char spaceWeight() {
        return (char) (weights[' '] & 0xFF);
    }

    private static final class Holder {
        static final Map<String, Latin1Weights> TABLES = load();

        private static Map<String, Latin1Weights> load() {
            Map<String, Latin1Weights> tables = new HashMap<>();
            WeightTable.readLines("latin1-weights.tsv", line -> {
                int tab = line.indexOf('\t');
                byte[] weights = new byte[256];
                for (int b = 0; b < 256; b++) {
                    weights[b] = (byte) Integer.parseInt(line, tab + 1 + 2 * b, tab + 3 + 2 * b, 16);
                }
                tables.put(line.substring(0, tab), new Latin1Weights(weights));
            });
            return Map.copyOf(tables);
        }
    }
}
