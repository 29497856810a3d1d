package io.shardwire.rewrite.merge;

/**
 * The MySQL column type codes ({@code enum_field_types}, MySQL client/server protocol, "Column Definition")
 * and how the merge operators read each one's text-protocol value. The code alone does not say everything:
 * a string type with collation 63 holds bytes, and ENUM/SET columns arrive as {@link #STRING} with a flag.
 */
public enum FieldType {
    DECIMAL(0, ValueKind.DECIMAL),
    TINY(1, ValueKind.INTEGER),
    SHORT(2, ValueKind.INTEGER),
    LONG(3, ValueKind.INTEGER),
    FLOAT(4, ValueKind.FLOATING),
    DOUBLE(5, ValueKind.FLOATING),
    NULL(6, ValueKind.BYTES),
    TIMESTAMP(7, ValueKind.BYTES),
    LONGLONG(8, ValueKind.INTEGER),
    INT24(9, ValueKind.INTEGER),
    DATE(10, ValueKind.BYTES),
    TIME(11, ValueKind.TIME),
    DATETIME(12, ValueKind.BYTES),
    YEAR(13, ValueKind.INTEGER),
    NEWDATE(14, ValueKind.BYTES),
    VARCHAR(15, ValueKind.STRING),
    BIT(16, ValueKind.BYTES),
    TIMESTAMP2(17, ValueKind.BYTES),
    DATETIME2(18, ValueKind.BYTES),
    TIME2(19, ValueKind.TIME),
    JSON(245, ValueKind.STRING),
    NEWDECIMAL(246, ValueKind.DECIMAL),
    ENUM(247, ValueKind.STRING),
    SET(248, ValueKind.STRING),
    TINY_BLOB(249, ValueKind.STRING),
    MEDIUM_BLOB(250, ValueKind.STRING),
    LONG_BLOB(251, ValueKind.STRING),
    BLOB(252, ValueKind.STRING),
    VAR_STRING(253, ValueKind.STRING),
    STRING(254, ValueKind.STRING),
    GEOMETRY(255, ValueKind.BYTES);

    /**
     * How a value of the type is read. Dates, datetimes and timestamps are {@link #BYTES}: their text form
     * ({@code 0000-00-00}, {@code 2024-02-29 13:05:00.250}) has fixed-width fields, so byte order is time
     * order; TIME is not ({@code -01:00:00}, {@code 100:00:00}).
     */
    public enum ValueKind { INTEGER, DECIMAL, FLOATING, TIME, BYTES, STRING }

    private static final FieldType[] BY_CODE = new FieldType[256];

    static {
        for (FieldType type : values()) {
            BY_CODE[type.code] = type;
        }
    }

    private final int code;
    private final ValueKind kind;

    FieldType(int code, ValueKind kind) {
        this.code = code;
        this.kind = kind;
    }

    public int code() {
        return code;
    }

    public ValueKind kind() {
        return kind;
    }

    /** The type with the given protocol code; a code no MySQL or MariaDB server sends is a merge error. */
    public static FieldType of(int code) {
        FieldType type = code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
        if (type != null) {
            return type;
        }
        throw new MergeException("column type code " + code + " is not a MySQL type the merge knows"
                + " (expected: 0-19 or 245-255)");
    }
}
