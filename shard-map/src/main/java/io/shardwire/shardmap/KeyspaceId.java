package io.shardwire.shardmap;

import java.math.BigInteger;
import java.util.Locale;

/**
 * A point in the 64-bit keyspace that a {@link ShardFunction.Hash} maps a key value to.
 *
 * <p>The 64 bits are read as an <em>unsigned</em> number (0 .. 2^64-1), so ordering uses
 * {@link Long#compareUnsigned}: {@code 0x8000000000000000} sorts after {@code 0x7fffffffffffffff},
 * as it does in Vitess keyspace ids. Printed as 16 lower-case hex digits with a {@code 0x} prefix.
 */
public record KeyspaceId(long bits) implements Comparable<KeyspaceId> {

    public static final KeyspaceId MIN = new KeyspaceId(0L);
    public static final KeyspaceId MAX = new KeyspaceId(-1L);

    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    /**
     * Parses {@code 0x}-prefixed hex (1 to 16 digits) or an unsigned decimal below 2^64.
     *
     * @throws IllegalArgumentException with a message naming the accepted forms
     */
    public static KeyspaceId parse(String text) {
        String t = text.strip();
        try {
            BigInteger value;
            if (t.startsWith("0x") || t.startsWith("0X")) {
                String hex = t.substring(2).replace("_", "");
                if (hex.isEmpty() || hex.length() > 16) {
                    throw new NumberFormatException();
                }
                value = new BigInteger(hex, 16);
            } else {
                value = new BigInteger(t);
            }
            return of(value);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("expected an unsigned 64-bit number, hex like \"0x8000000000000000\""
                    + " or decimal, found '" + text + "'");
        }
    }

    /** The point for an unsigned value 0 .. 2^64-1. */
    public static KeyspaceId of(BigInteger unsigned) {
        if (unsigned.signum() < 0 || unsigned.compareTo(TWO_TO_64) >= 0) {
            throw new ArithmeticException("outside 0 .. 2^64-1: " + unsigned);
        }
        return new KeyspaceId(unsigned.longValue());
    }

    public BigInteger toBigInteger() {
        BigInteger signed = BigInteger.valueOf(bits);
        return bits >= 0 ? signed : signed.add(TWO_TO_64);
    }

    @Override
    public int compareTo(KeyspaceId other) {
        return Long.compareUnsigned(bits, other.bits);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "0x%016x", bits);
    }
}
