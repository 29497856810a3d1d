package io.shardwire.router.sql;

/** Lexical classes of MySQL SQL text, as far as routing and digesting need them. */
public enum TokenType {
    /** Unquoted word: keyword or identifier (case-insensitive). */
    WORD,
    /** `back-quoted` identifier; {@link Token#text()} is the unquoted name. */
    QUOTED_IDENTIFIER,
    /** 'single' or "double" quoted string; {@link Token#text()} is the unescaped value. */
    STRING,
    /** Integer, decimal, exponent or hex/bit literal, as written. */
    NUMBER,
    /** {@code @name} or {@code @'name'} user variable; text is the name without '@'. */
    USER_VARIABLE,
    /** {@code @@name}, {@code @@session.name}...; text is as written after "@@". */
    SYSTEM_VARIABLE,
    /** A {@code ?} parameter marker. */
    PLACEHOLDER,
    /** Operators and punctuation, e.g. {@code ,} {@code (} {@code :=} {@code ;}. */
    SYMBOL
}
