package io.shardwire.rewrite.merge;

/**
 * Orders strings by a collation, decoding the bytes in the character set the backend sent them in. Also
 * orders the values whose text sorts as bytes (DATE, DATETIME, TIMESTAMP, BIT, binary strings) with the
 * {@code binary} collation.
 */
record StringOrder(Collation collation, TextCharset charset) implements ValueComparator {

    static StringOrder forColumn(ColumnInfo column, int declaredCollationId) {
        if (column.collationId() == ColumnInfo.BINARY_COLLATION) {
            return new StringOrder(BytewiseCollation.BINARY, MysqlLatin1.INSTANCE);
        }
        String reported = CollationCatalog.name(column.collationId());
        String charset = CollationCatalog.charsetOf(reported);
        Collation collation;
        if (declaredCollationId != AS_REPORTED) {
            collation = Collation.forId(declaredCollationId);
        } else if ((column.flags() & ColumnInfo.BINARY_FLAG) != 0) {
            collation = Collation.named(charset + "_bin");
        } else {
            collation = Collation.named(reported);
        }
        return new StringOrder(collation, TextCharset.forMysqlName(charset));
    }

    @Override
    public int compareNonNull(byte[] a, byte[] b) {
        return collation.compare(a, b, charset);
    }

    @Override
    public Object keyOfNonNull(byte[] value) {
        return collation.key(value, charset);
    }
}
