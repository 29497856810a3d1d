package io.shardwire.router.route;

import net.sf.jsqlparser.expression.DateTimeLiteralExpression;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;

/** Reads the value of a literal expression as routing sees it; anything else is "not a literal". */
final class Literals {
    /** Marker for SQL NULL. */
    static final String NULL = new String("NULL");

    private Literals() {
    }

    /** The literal's value as text (strings unescaped), {@link #NULL} for NULL, or null if not a literal. */
    static String valueOf(Expression e) {
        return switch (e) {
            case LongValue l -> l.getStringValue();
            case DoubleValue d -> d.toString();
            case StringValue s -> unescape(s.getValue());
            case NullValue n -> NULL;
            case DateTimeLiteralExpression d -> unquote(d.getValue());
            case SignedExpression s -> {
                String inner = valueOf(s.getExpression());
                if (inner == null || inner == NULL) {
                    yield null;
                }
                yield s.getSign() == '-' ? (inner.startsWith("-") ? inner.substring(1) : "-" + inner) : inner;
            }
            default -> null;
        };
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.charAt(0) == '\'' || v.charAt(0) == '"')) {
            return unescape(v.substring(1, v.length() - 1));
        }
        return v;
    }

    /** MySQL string-literal escapes: backslash sequences and doubled quotes. */
    static String unescape(String raw) {
        if (raw.indexOf('\\') < 0 && raw.indexOf('\'') < 0 && raw.indexOf('"') < 0) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                char n = raw.charAt(++i);
                out.append(switch (n) {
                    case '0' -> '\0';
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    case 'b' -> '\b';
                    case 'Z' -> '\u001A';
                    default -> n;
                });
            } else if ((c == '\'' || c == '"') && i + 1 < raw.length() && raw.charAt(i + 1) == c) {
                out.append(c);
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
