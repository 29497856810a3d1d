package io.shardwire.rewrite.merge;

/**
 * Orders TIME values, which are durations: {@code '-01:00:00' < '00:00:00' < '09:00:00' < '100:00:00'},
 * none of which byte order gets right. The text is {@code [-]H+:MM:SS[.ffffff]}, read as microseconds.
 */
record TimeOrder() implements ValueComparator {

    @Override
    public int compareNonNull(byte[] a, byte[] b) {
        return Long.compare(micros(a), micros(b));
    }

    @Override
    public Object keyOfNonNull(byte[] value) {
        return micros(value);
    }

    static long micros(byte[] value) {
        int i = value.length > 0 && value[0] == '-' ? 1 : 0;
        long[] fields = new long[3];
        int field = 0;
        boolean digits = false;
        for (; i < value.length && value[i] != '.'; i++) {
            int c = value[i];
            if (c == ':' && field < 2 && digits) {
                field++;
                digits = false;
            } else if (c >= '0' && c <= '9') {
                fields[field] = fields[field] * 10 + (c - '0');
                digits = true;
            } else {
                throw NumberText.notA("a TIME", value);
            }
        }
        if (field != 2 || !digits) {
            throw NumberText.notA("a TIME", value);
        }
        long micros = 0;
        int scale = 100_000;
        for (i++; i < value.length; i++, scale /= 10) {
            int digit = value[i] - '0';
            if (digit < 0 || digit > 9 || scale == 0) {
                throw NumberText.notA("a TIME", value);
            }
            micros += digit * (long) scale;
        }
        long total = ((fields[0] * 60 + fields[1]) * 60 + fields[2]) * 1_000_000 + micros;
        return value[0] == '-' ? -total : total;
    }
}
