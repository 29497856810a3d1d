package io.shardwire.rewrite.merge;

/**
 * How a collation compares string values, and the matching grouping key: {@code compare(a, b) == 0}
 * exactly when {@code key(a).equals(key(b))}, so GROUP BY and DISTINCT put together the values ORDER BY
 * calls equal. PAD SPACE collations (all MariaDB 10.11 collations but the {@code _nopad_} ones and
 * {@code binary}) compare the shorter string as if padded with spaces: {@code 'a ' = 'a'}, but
 * {@code 'a\t' < 'a'} because a tab sorts before the padding space.
 */
sealed interface Collation permits BytewiseCollation, WeightedCollation {

    /** The MariaDB name, such as {@code utf8mb4_general_ci}. */
    String name();

    int compare(byte[] a, byte[] b, TextCharset charset);

    Object key(byte[] value, TextCharset charset);

    /** The collation with a MariaDB 10.11 id; an id MariaDB does not have is read as utf8mb4_general_ci. */
    static Collation forId(int id) {
        return CollationCatalog.collation(CollationCatalog.name(id));
    }

    /** The collation with a MariaDB 10.11 name; a name MariaDB does not have is read as utf8mb4_general_ci. */
    static Collation named(String name) {
        return CollationCatalog.collation(name);
    }
}
