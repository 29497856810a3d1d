package io.shardwire.router.route;

import net.sf.jsqlparser.expression.DateTimeLiteralExpression;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;

/** Reads the value of a literal expression as routing sees it; anything else is "not a literal". */
public final class Literals {
    /** Marker for SQL NULL. */
    static final String NULL = new String("NULL");

    private Literals() {
    }

    /** The literal's value as text (strings unescaped), {@link #NULL} for NULL, or null if not a literal. */
    static String valueOf(Expression e) {
        return switch (e) {
            case LongValue l -> l.getStringValue();
            case DoubleValue d -> d.toString();
            case StringValue s -> stringValue(s);
            case NullValue n -> NULL;
            case DateTimeLiteralExpression d -> unquote(d.getValue());
            // ~ is bitwise NOT (~5 is 18446744073709551610), not a sign
            case SignedExpression s when s.getSign() == '~' -> null;
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

    /** The value of a string literal as MySQL reads it (the text between its quotes, unescaped). */
    public static String stringValue(StringValue s) {
        String quote = s.getQuoteStr();
        return unescape(s.getValue(), quote == null || quote.length() != 1 ? '\'' : quote.charAt(0));
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.charAt(0) == '\'' || v.charAt(0) == '"')) {
            return unescape(v.substring(1, v.length() - 1), v.charAt(0));
        }
        return v;
    }

    /**
     * MySQL string-literal escapes (MySQL manual, "String Literals"): backslash sequences, and the quote
     * character doubled. {@code \%} and {@code \_} keep their backslash (they escape LIKE wildcards only, and
     * '\_' outside LIKE is two characters); the other quote character doubled is two characters.
     */
    static String unescape(String raw, char quote) {
        if (raw.indexOf('\\') < 0 && raw.indexOf(quote) < 0) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                char n = raw.charAt(++i);
                switch (n) {
                    case '0' -> out.append('\0');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'b' -> out.append('\b');
                    case 'Z' -> out.append('\u001A');
                    case '%', '_' -> out.append('\\').append(n);
                    default -> out.append(n);
                }
            } else if (c == quote && i + 1 < raw.length() && raw.charAt(i + 1) == c) {
                out.append(c);
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
