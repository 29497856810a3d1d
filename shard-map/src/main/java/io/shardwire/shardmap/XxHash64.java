package io.shardwire.shardmap;

/**
 * XXH64 (xxHash, 64-bit variant, seed 0) as specified in the xxHash project's XXH64 algorithm
 * description.
 *
 * <p>Why this hash: it is fast, well distributed, has a public specification and reference
 * vectors ({@code xxhsum -H64}), and is what Vitess offers as its {@code xxhash} vindex. The seed
 * is fixed at 0 and must never change: a keyspace id is persisted implicitly in which shard holds
 * each row, so changing this function would strand every row on the wrong shard.
 */
final class XxHash64 {

    private static final long P1 = 0x9E3779B185EBCA87L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;
    private static final long P3 = 0x165667B19E3779F9L;
    private static final long P4 = 0x85EBCA77C2B2AE63L;
    private static final long P5 = 0x27D4EB2F165667C5L;

    private XxHash64() {
    }

    static long hash(byte[] in) {
        int len = in.length;
        int i = 0;
        long h;
        if (len >= 32) {
            long v1 = P1 + P2;
            long v2 = P2;
            long v3 = 0;
            long v4 = -P1;
            for (; i <= len - 32; i += 32) {
                v1 = round(v1, lane64(in, i));
                v2 = round(v2, lane64(in, i + 8));
                v3 = round(v3, lane64(in, i + 16));
                v4 = round(v4, lane64(in, i + 24));
            }
            h = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
            h = mergeRound(h, v1);
            h = mergeRound(h, v2);
            h = mergeRound(h, v3);
            h = mergeRound(h, v4);
        } else {
            h = P5;
        }
        h += len;
        for (; i <= len - 8; i += 8) {
            h ^= round(0, lane64(in, i));
            h = Long.rotateLeft(h, 27) * P1 + P4;
        }
        if (i <= len - 4) {
            h ^= lane32(in, i) * P1;
            h = Long.rotateLeft(h, 23) * P2 + P3;
            i += 4;
        }
        for (; i < len; i++) {
            h ^= (in[i] & 0xFFL) * P5;
            h = Long.rotateLeft(h, 11) * P1;
        }
        h ^= h >>> 33;
        h *= P2;
        h ^= h >>> 29;
        h *= P3;
        h ^= h >>> 32;
        return h;
    }

    private static long round(long acc, long lane) {
        return Long.rotateLeft(acc + lane * P2, 31) * P1;
    }

    private static long mergeRound(long acc, long v) {
        return (acc ^ round(0, v)) * P1 + P4;
    }

    private static long lane64(byte[] b, int at) {
        return lane32(b, at) | (lane32(b, at + 4) << 32);
    }

    private static long lane32(byte[] b, int at) {
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
    }
}
