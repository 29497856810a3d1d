package io.shardwire.rewrite.merge;

/** Orders FLOAT and DOUBLE values as doubles; {@code -0} and {@code 0} are one value, as in MySQL. */
record FloatingOrder() implements ValueComparator {

    @Override
    public int compareNonNull(byte[] a, byte[] b) {
        return Double.compare(NumberText.doubleOf(a) + 0.0, NumberText.doubleOf(b) + 0.0);
    }

    @Override
    public Object keyOfNonNull(byte[] value) {
        return NumberText.doubleOf(value) + 0.0;
    }
}
