package io.shardwire.rewrite.merge;

import java.util.Comparator;

/**
 * Compares two text-protocol values of one column the way MySQL/MariaDB orders them for ORDER BY, GROUP BY,
 * DISTINCT, MIN and MAX, and gives each value a grouping key consistent with that order
 * ({@code compare(a, b) == 0} exactly when the keys are equal). NULL sorts first; a descending sort key
 * reverses the whole order, so NULL comes last there, as in MySQL.
 *
 * <p>Why the bytes cannot simply be compared: {@code SELECT price FROM t ORDER BY price} merges
 * {@code '9.50'} and {@code '10.00'} from two shards, which sort the other way as strings; {@code '1.50'}
 * and {@code '1.5'} are one value to GROUP BY; {@code 'Ärger'} and {@code 'ärger'} are one value under
 * {@code utf8mb4_general_ci}; {@code '-01:00:00'} is an earlier TIME than {@code '00:00:00'}.
 *
 * <p>Strings: the collation id in a text-protocol column definition is the connection's result character
 * set, not the column's collation (MariaDB reports {@code utf8mb4_general_ci} for a
 * {@code utf8mb4_unicode_ci} column), except that {@code _bin} columns carry the BINARY flag. When the
 * rewriter knows the column's declared collation, it passes it as {@code declaredCollationId}; the bytes are
 * still decoded in the reported character set. ENUM and SET columns are compared as their strings, not by
 * their index as MySQL sorts them.
 */
public sealed interface ValueComparator extends Comparator<byte[]>
        permits SignedIntegerOrder, UnsignedIntegerOrder, DecimalOrder, FloatingOrder, TimeOrder, StringOrder {

    /** Use the collation the backend reported in the column definition. */
    int AS_REPORTED = 0;

    int compareNonNull(byte[] a, byte[] b);

    /** A key whose {@code equals} agrees with {@link #compareNonNull}: equal exactly when the values compare 0. */
    Object keyOfNonNull(byte[] value);

    @Override
    default int compare(byte[] a, byte[] b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return compareNonNull(a, b);
    }

    /** The grouping key of a value; {@code null} for NULL, which GROUP BY and DISTINCT treat as one value. */
    default Object groupingKey(byte[] value) {
        return value == null ? null : keyOfNonNull(value);
    }

    static ValueComparator forColumn(ColumnInfo column) {
        return forColumn(column, AS_REPORTED);
    }

    /**
     * The comparator for a column.
     *
     * @param declaredCollationId the column's own collation when known (from table metadata), or
     *     {@link #AS_REPORTED}; ignored for non-string columns and for binary ones (reported collation 63)
     */
    static ValueComparator forColumn(ColumnInfo column, int declaredCollationId) {
        return switch (FieldType.of(column.type()).kind()) {
            case INTEGER -> column.unsigned() ? new UnsignedIntegerOrder() : new SignedIntegerOrder();
            case DECIMAL -> new DecimalOrder();
            case FLOATING -> new FloatingOrder();
            case TIME -> new TimeOrder();
            case BYTES -> new StringOrder(BytewiseCollation.BINARY, MysqlLatin1.INSTANCE);
            case STRING -> StringOrder.forColumn(column, declaredCollationId);
        };
    }

    /**
     * The MariaDB 10.11 id of a collation name, as {@code information_schema.COLUMNS.COLLATION_NAME} gives
     * it, for {@code declaredCollationId}; {@link #AS_REPORTED} for a name MariaDB does not have.
     */
    static int collationId(String collationName) {
        return CollationCatalog.id(collationName).orElse(AS_REPORTED);
    }
}
