package io.shardwire.rewrite.merge;

/**
 * Orders UNSIGNED integers (and YEAR) as unsigned 64-bit numbers, so that BIGINT UNSIGNED
 * 18446744073709551615 sorts after 1 instead of wrapping to -1.
 */
record UnsignedIntegerOrder() implements ValueComparator {

    @Override
    public int compareNonNull(byte[] a, byte[] b) {
        return Long.compareUnsigned(parse(a), parse(b));
    }

    @Override
    public Object keyOfNonNull(byte[] value) {
        return parse(value);
    }

    /** The value's 64 bits; arithmetic modulo 2^64 gives the unsigned value's bits directly. */
    static long parse(byte[] value) {
        if (value.length == 0) {
            throw NumberText.notA("an unsigned integer", value);
        }
        long result = 0;
        for (byte b : value) {
            int digit = b - '0';
            if (digit < 0 || digit > 9) {
                throw NumberText.notA("an unsigned integer", value);
            }
            result = result * 10 + digit;
        }
        return result;
    }
}
