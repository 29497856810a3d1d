package io.shardwire.rewrite.merge;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Compact row fixtures. A header names the columns as {@code name:TYPE[:option...]}, TYPE a {@link FieldType}
 * name and the options {@code unsigned}, {@code binary} (the BINARY flag), {@code fN} (all flags),
 * {@code cN} (collation id; strings default to 45, utf8mb4_general_ci, others to 63), {@code dN}
 * (decimals; DOUBLE and FLOAT default to 31) and {@code lN} (length). A row is {@code "1|a"}; {@code \N}
 * alone is NULL, {@code \xHH} a byte, {@code \t} a tab, {@code \\} a backslash.
 */
final class Rows {

    static final String NULL = "\\N";

    private Rows() {
    }

    static FixtureStream stream(String header, String... rows) {
        return new FixtureStream(columns(header), Arrays.stream(rows).map(Rows::row).toList());
    }

    static List<ColumnInfo> columns(String header) {
        return Arrays.stream(header.split("\\|")).map(Rows::column).toList();
    }

    static ColumnInfo column(String spec) {
        String[] parts = spec.split(":");
        FieldType type = FieldType.valueOf(parts[1]);
        boolean string = type.kind() == FieldType.ValueKind.STRING;
        int flags = 0;
        int collation = string ? 45 : ColumnInfo.BINARY_COLLATION;
        int decimals = type.kind() == FieldType.ValueKind.FLOATING ? 31 : 0;
        long length = 0;
        for (int i = 2; i < parts.length; i++) {
            String option = parts[i];
            switch (option.charAt(0)) {
                case 'u' -> flags |= ColumnInfo.UNSIGNED_FLAG;
                case 'b' -> flags |= ColumnInfo.BINARY_FLAG;
                case 'f' -> flags = Integer.parseInt(option.substring(1));
                case 'c' -> collation = Integer.parseInt(option.substring(1));
                case 'd' -> decimals = Integer.parseInt(option.substring(1));
                case 'l' -> length = Long.parseLong(option.substring(1));
                default -> throw new IllegalArgumentException("unknown column option " + option + " in " + spec);
            }
        }
        return new ColumnInfo(parts[0], type.code(), flags, collation, decimals, length);
    }

    static byte[][] row(String text) {
        String[] tokens = text.split("\\|", -1);
        byte[][] row = new byte[tokens.length][];
        for (int i = 0; i < tokens.length; i++) {
            row[i] = value(tokens[i]);
        }
        return row;
    }

    static byte[] value(String token) {
        if (token.equals(NULL)) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '\\' && i + 1 < token.length()) {
                char escaped = token.charAt(++i);
                switch (escaped) {
                    case 'x' -> {
                        out.write(Integer.parseInt(token, i + 1, i + 3, 16));
                        i += 2;
                    }
                    case 't' -> out.write('\t');
                    case '\\' -> out.write('\\');
                    default -> throw new IllegalArgumentException("unknown escape \\" + escaped + " in " + token);
                }
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    static String render(byte[][] row) {
        List<String> values = new ArrayList<>();
        for (byte[] value : row) {
            values.add(value == null ? NULL : new String(value, StandardCharsets.UTF_8));
        }
        return String.join("|", values);
    }

    /** Every remaining row, rendered. */
    static List<String> drain(RowStream stream) {
        List<String> rows = new ArrayList<>();
        for (byte[][] row = stream.next(); row != null; row = stream.next()) {
            rows.add(render(row));
        }
        return rows;
    }

    static String header(List<ColumnInfo> columns) {
        return String.join("|", columns.stream().map(Rows::spec).toList());
    }

    /** A column as a full header spec, for comparing column definitions in one readable string. */
    static String spec(ColumnInfo c) {
        return c.name() + ":" + FieldType.of(c.type()) + ":f" + c.flags() + ":c" + c.collationId() + ":d" + c.decimals()
                + ":l" + c.length();
    }
}
