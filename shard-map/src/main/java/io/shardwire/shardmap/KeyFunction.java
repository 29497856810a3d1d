package io.shardwire.shardmap;

import java.math.BigInteger;

/**
 * Which part of a shard-key value routes the row: the whole value, or a shard key embedded in it
 * ({@code key_function:} in the configuration). The extracted part is then hashed or compared
 * with the table's ranges exactly as a whole value would be.
 *
 * <p>Embedded keys let a lookup by that value alone reach one shard: an access token whose last
 * hex digits carry the owner's id ({@link SuffixHex}), or a Snowflake-style id whose bits carry a
 * shard number or a day ({@link Bits}). The extracted part is always an unsigned integer, so it
 * hashes like an integer key of the same value: a token embedding customer 42 co-locates with the
 * customer row whose id is 42.
 */
public sealed interface KeyFunction {

    /** The whole value routes (no {@code key_function:}). */
    KeyFunction WHOLE = new Whole();

    /** The part of {@code value} that routes. */
    Object extract(Object value, KeyType columnType);

    /** The type of {@link #extract}'s result for a key column of {@code columnType}. */
    KeyType extractedType(KeyType columnType);

    /** The whole value. */
    record Whole() implements KeyFunction {
        @Override
        public Object extract(Object value, KeyType columnType) {
            return value;
        }

        @Override
        public KeyType extractedType(KeyType columnType) {
            return columnType;
        }
    }

    /**
     * {@code key_function: { suffix_hex: N }}: the last N (1 to 16) characters of the string key,
     * read as a hexadecimal number. Trailing spaces are ignored first under a PAD SPACE collation.
     */
    record SuffixHex(int digits) implements KeyFunction {
        public SuffixHex {
            if (digits < 1 || digits > 16) {
                throw new IllegalArgumentException("suffix_hex reads 1 to 16 hex digits, not " + digits);
            }
        }

        @Override
        public Object extract(Object value, KeyType columnType) {
            boolean pad = columnType.valueType() == ValueType.STRING && columnType.padSpace();
            String text = KeyType.string(false, pad).canonical(value);
            if (text.length() < digits) {
                throw new IllegalArgumentException("'" + text + "' is shorter than the " + digits + " hex digits suffix_hex reads");
            }
            String suffix = text.substring(text.length() - digits);
            try {
                return new BigInteger(suffix, 16);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the last " + digits + " characters of '" + text + "' are not hex digits");
            }
        }

        @Override
        public KeyType extractedType(KeyType columnType) {
            return KeyType.INTEGER;
        }
    }

    /**
     * {@code key_function: { bits: { shift: S, width: W } }}: {@code (key >>> S) & (2^W - 1)} of a
     * 64-bit integer key (signed BIGINT values are taken as their two's-complement bits).
     */
    record Bits(int shift, int width) implements KeyFunction {
        private static final BigInteger MIN_SIGNED = BigInteger.valueOf(Long.MIN_VALUE);
        private static final BigInteger MAX_UNSIGNED = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

        public Bits {
            if (shift < 0 || shift > 63 || width < 1 || width > 64 || shift + width > 64) {
                throw new IllegalArgumentException("bits needs 0 <= shift <= 63, 1 <= width <= 64 and shift + width <= 64,"
                        + " not shift " + shift + ", width " + width);
            }
        }

        @Override
        public Object extract(Object value, KeyType columnType) {
            BigInteger n = KeyType.integerValue(value);
            if (n.compareTo(MIN_SIGNED) < 0 || n.compareTo(MAX_UNSIGNED) > 0) {
                throw new IllegalArgumentException(n + " is not a 64-bit integer");
            }
            long mask = width == 64 ? -1L : (1L << width) - 1;
            return new KeyspaceId((n.longValue() >>> shift) & mask).toBigInteger();
        }

        @Override
        public KeyType extractedType(KeyType columnType) {
            return KeyType.INTEGER;
        }
    }
}
