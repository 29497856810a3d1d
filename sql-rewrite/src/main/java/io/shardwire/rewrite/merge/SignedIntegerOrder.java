package io.shardwire.rewrite.merge;

/** Orders TINYINT to BIGINT values as signed 64-bit numbers, read straight from their digits. */
record SignedIntegerOrder() implements ValueComparator {

    @Override
    public int compareNonNull(byte[] a, byte[] b) {
        return Long.compare(parse(a), parse(b));
    }

    @Override
    public Object keyOfNonNull(byte[] value) {
        return parse(value);
    }

    /** Accumulates negatively so that -9223372036854775808 parses without overflow. */
    static long parse(byte[] value) {
        boolean negative = value.length > 0 && value[0] == '-';
        int i = negative || (value.length > 0 && value[0] == '+') ? 1 : 0;
        if (i == value.length) {
            throw NumberText.notA("an integer", value);
        }
        long result = 0;
        for (; i < value.length; i++) {
            int digit = value[i] - '0';
            if (digit < 0 || digit > 9) {
                throw NumberText.notA("an integer", value);
            }
            result = result * 10 - digit;
        }
        return negative ? result : -result;
    }
}
