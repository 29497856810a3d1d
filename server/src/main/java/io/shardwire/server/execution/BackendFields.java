package io.shardwire.server.execution;

import com.mysql.cj.result.Field;
import io.shardwire.protocol.ColumnType;
import io.shardwire.protocol.packet.ColumnDefinition;
import java.util.List;

/**
 * Connector/J's view of a backend's column definitions turned back into what the backend sent. Connector/J
 * cooks some fields while reading them (its ColumnDefinitionReader and Field): the length of integer columns
 * becomes the type's precision, the length of DECIMAL loses the sign and decimal point, FLOAT/DOUBLE "not
 * fixed" decimals (31) become 0, and BIT(n > 1), BINARY and VARBINARY columns gain the BLOB flag (BIT the
 * BINARY flag too). A client's driver does the same cooking again, so forwarding cooked values would make a
 * DECIMAL(65,30) look like DECIMAL(63,30) to it. What cannot be undone: the integer display width (the
 * type's default width is sent, which drivers read the same way) and a FLOAT/DOUBLE that really has 0
 * decimals (sent as 31, which is what table columns and most expressions have).
 */
final class BackendFields {
    /** MySQL's NOT_FIXED_DEC: the decimals of a FLOAT or DOUBLE without a declared scale. */
    private static final int NOT_FIXED_DECIMALS = 31;
    private static final int BLOB_FLAG = 0x10;
    private static final int UNSIGNED_FLAG = 0x20;
    private static final int BINARY_FLAG = 0x80;

    private BackendFields() {
    }

    static List<ColumnDefinition> toColumnDefinitions(Field[] fields) {
        ColumnDefinition[] columns = new ColumnDefinition[fields.length];
        for (int i = 0; i < fields.length; i++) {
            columns[i] = toColumnDefinition(fields[i]);
        }
        return List.of(columns);
    }

    static ColumnDefinition toColumnDefinition(Field f) {
        int type = f.getMysqlTypeId();
        int flags = f.getFlags() & 0xFFFF;
        long length = f.getLength();
        int decimals = f.getDecimals();
        boolean unsigned = (flags & UNSIGNED_FLAG) != 0;
        switch (f.getMysqlType()) {
            case TINYINT, TINYINT_UNSIGNED, SMALLINT, SMALLINT_UNSIGNED, MEDIUMINT, MEDIUMINT_UNSIGNED, INT,
                 INT_UNSIGNED, BIGINT, BIGINT_UNSIGNED -> length = defaultDisplayWidth(type, unsigned);
            case BOOLEAN -> length = 1;
            case DECIMAL -> length += decimals > 0 ? 2 : 1;
            case DECIMAL_UNSIGNED -> length += decimals > 0 ? 1 : 0;
            case FLOAT, FLOAT_UNSIGNED, DOUBLE, DOUBLE_UNSIGNED -> decimals = decimals == 0 ? NOT_FIXED_DECIMALS : decimals;
            case BIT -> flags &= length > 1 ? ~(BINARY_FLAG | BLOB_FLAG) : ~0;
            case BINARY, VARBINARY -> flags &= ~BLOB_FLAG;
            default -> { }
        }
        return new ColumnDefinition(f.getDatabaseName(), f.getTableName(), f.getOriginalTableName(), f.getName(),
                f.getOriginalName(), f.getCollationIndex(), length, type, flags, decimals);
    }

    /** The width MySQL gives an integer column declared without one: digits plus a sign when signed. */
    private static long defaultDisplayWidth(int type, boolean unsigned) {
        return switch (type) {
            case ColumnType.TINY -> unsigned ? 3 : 4;
            case ColumnType.SHORT -> unsigned ? 5 : 6;
            case ColumnType.INT24 -> unsigned ? 8 : 9;
            case ColumnType.LONG -> unsigned ? 10 : 11;
            default -> 20;
        };
    }
}
