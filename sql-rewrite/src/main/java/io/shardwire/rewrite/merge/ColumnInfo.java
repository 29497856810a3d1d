package io.shardwire.rewrite.merge;

/**
 * What the merge operators need to know about a result column, taken from the backend's column definition:
 * the MySQL type code ({@code enum_field_types}), flags (UNSIGNED = 32, BINARY = 128, ...), collation id,
 * decimals and display length, and the name to show.
 */
public record ColumnInfo(String name, int type, int flags, int collationId, int decimals, long length) {
    public static final int UNSIGNED_FLAG = 32;
    public static final int BINARY_FLAG = 128;
    public static final int BINARY_COLLATION = 63;

    public boolean unsigned() {
        return (flags & UNSIGNED_FLAG) != 0;
    }
}
