package io.shardwire.rewrite.merge;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The running state of one aggregate column for one group: fed the partial rows of the group, it gives the
 * text-protocol value of the merged column. Mutable; owned by the operator that created it.
 */
sealed interface Accumulator {

    void add(byte[][] row);

    /** The merged value, {@code null} for SQL NULL. */
    byte[] result();

    /** The first value seen, NULL included: a GROUP BY key or ANY_VALUE. */
    final class First implements Accumulator {
        private final int column;
        private boolean seen;
        private byte[] value;

        First(int column) {
            this.column = column;
        }

        @Override
        public void add(byte[][] row) {
            if (!seen) {
                seen = true;
                value = row[column];
            }
        }

        @Override
        public byte[] result() {
            return value;
        }
    }

    /** A sum of partial counts: never NULL, 0 for a group of no rows. */
    final class CountTotal implements Accumulator {
        private final int column;
        private long count;

        CountTotal(int column) {
            this.column = column;
        }

        @Override
        public void add(byte[][] row) {
            if (row[column] != null) {
                count += SignedIntegerOrder.parse(row[column]);
            }
        }

        @Override
        public byte[] result() {
            return NumberText.ascii(Long.toString(count));
        }
    }

    /** An exact sum of DECIMAL (or integer) partial sums, printed with the column's scale. */
    final class DecimalTotal implements Accumulator {
        private final int column;
        private final int scale;
        private BigDecimal sum;

        DecimalTotal(int column, int scale) {
            this.column = column;
            this.scale = scale;
        }

        @Override
        public void add(byte[][] row) {
            if (row[column] != null) {
                BigDecimal value = NumberText.decimal(row[column]);
                sum = sum == null ? value : sum.add(value);
            }
        }

        @Override
        public byte[] result() {
            return sum == null ? null : NumberText.ascii(sum.setScale(scale, RoundingMode.HALF_UP).toPlainString());
        }
    }

    /** A double sum of DOUBLE partial sums, printed as MariaDB prints doubles ({@link DoubleText}). */
    final class DoubleTotal implements Accumulator {
        private final int column;
        private final int decimals;
        private boolean any;
        private double sum;

        DoubleTotal(int column, int decimals) {
            this.column = column;
            this.decimals = decimals;
        }

        @Override
        public void add(byte[][] row) {
            if (row[column] != null) {
                any = true;
                sum += NumberText.doubleOf(row[column]);
            }
        }

        @Override
        public byte[] result() {
            return any ? NumberText.ascii(DoubleText.format(sum, decimals)) : null;
        }
    }

    /** MIN ({@code sign} -1) or MAX ({@code sign} 1) of the non-NULL partial values; the first of equals wins. */
    final class Extreme implements Accumulator {
        private final int column;
        private final ValueComparator comparator;
        private final int sign;
        private byte[] best;

        Extreme(int column, ValueComparator comparator, int sign) {
            this.column = column;
            this.comparator = comparator;
            this.sign = sign;
        }

        @Override
        public void add(byte[][] row) {
            byte[] value = row[column];
            if (value != null && (best == null || sign * comparator.compareNonNull(value, best) > 0)) {
                best = value;
            }
        }

        @Override
        public byte[] result() {
            return best;
        }
    }

    /** AVG of an integer or DECIMAL column: exact total / total count, rounded half up to {@code scale}. */
    final class DecimalAverage implements Accumulator {
        private final DecimalTotal sum;
        private final CountTotal count;
        private final int scale;

        DecimalAverage(int sumColumn, int countColumn, int scale) {
            this.sum = new DecimalTotal(sumColumn, scale);
            this.count = new CountTotal(countColumn);
            this.scale = scale;
        }

        @Override
        public void add(byte[][] row) {
            sum.add(row);
            count.add(row);
        }

        @Override
        public byte[] result() {
            if (sum.sum == null || count.count == 0) {
                return null;
            }
            BigDecimal average = sum.sum.divide(BigDecimal.valueOf(count.count), scale, RoundingMode.HALF_UP);
            return NumberText.ascii(average.toPlainString());
        }
    }

    /** AVG of a FLOAT or DOUBLE column: total / total count as a double. */
    final class DoubleAverage implements Accumulator {
        private final DoubleTotal sum;
        private final CountTotal count;
        private final int decimals;

        DoubleAverage(int sumColumn, int countColumn, int decimals) {
            this.sum = new DoubleTotal(sumColumn, decimals);
            this.count = new CountTotal(countColumn);
            this.decimals = decimals;
        }

        @Override
        public void add(byte[][] row) {
            sum.add(row);
            count.add(row);
        }

        @Override
        public byte[] result() {
            if (!sum.any || count.count == 0) {
                return null;
            }
            return NumberText.ascii(DoubleText.format(sum.sum / count.count, decimals));
        }
    }
}
