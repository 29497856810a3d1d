package io.shardwire.rewrite.merge;

/**
 * Orders DECIMAL values exactly, as {@link java.math.BigDecimal}s: {@code '1.50'} and {@code '1.5'} are equal
 * (the key strips trailing zeros), {@code '-0.01' < '0.00'}.
 */
record DecimalOrder() implements ValueComparator {

    @Override
    public int compareNonNull(byte[] a, byte[] b) {
        return NumberText.decimal(a).compareTo(NumberText.decimal(b));
    }

    @Override
    public Object keyOfNonNull(byte[] value) {
        return NumberText.decimal(value).stripTrailingZeros();
    }
}
