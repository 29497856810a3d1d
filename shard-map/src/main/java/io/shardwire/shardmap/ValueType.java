package io.shardwire.shardmap;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The families of column types a shard key is compared and hashed by. The exact column type is read
 * from the backends later; the configuration only knows the bound literals (or a {@code key_type}).
 */
public enum ValueType {
    INTEGER, DECIMAL, STRING, DATE, DATETIME;

    /** The spelling used in the configuration ({@code key_type: date}). */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ValueType> fromConfigName(String name) {
        for (ValueType t : values()) {
            if (t.configName().equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether {@code text} is written as a value of this type. Stricter than {@link KeyType#accepts}
     * for integers and dates: a key value 2.5 is rounded into an INTEGER column and a datetime is
     * truncated into a DATE column, but a bound written that way is a mistake.
     */
    public boolean isBoundLiteral(String text) {
        if (!KeyType.of(this).accepts(text)) {
            return false;
        }
        return switch (this) {
            case INTEGER -> !KeyType.DECIMAL.canonical(text).contains(".");
            case DATE -> KeyType.DATETIME.canonical(text).endsWith(" 00:00:00");
            case DECIMAL, STRING, DATETIME -> true;
        };
    }

    /**
     * The narrowest type every literal parses as, in the order integer, decimal, date, datetime,
     * string. Used to check at load time that range bounds increase when no {@code key_type} is given.
     */
    public static ValueType infer(List<String> literals) {
        for (ValueType candidate : List.of(INTEGER, DECIMAL, DATE, DATETIME)) {
            if (literals.stream().allMatch(candidate::isBoundLiteral)) {
                return candidate;
            }
        }
        return STRING;
    }
}
