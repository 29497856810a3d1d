package io.shardwire.router.classify;

/** One assignment of a SET statement. */
public sealed interface SetAssignment {

    /** {@code [SESSION|LOCAL|@@session.|@@]name = value}; name is lower case, value is the SQL text. */
    record SessionVariable(String name, String value) implements SetAssignment {
    }

    /** {@code GLOBAL name = value} or {@code @@global.name = value}. */
    record GlobalVariable(String name, String value) implements SetAssignment {
    }

    /** {@code @name = value} or {@code @name := value}. */
    record UserVariable(String name, String value) implements SetAssignment {
    }

    /** {@code NAMES charset [COLLATE collation]}; collation may be null; charset "default" for DEFAULT. */
    record Names(String charset, String collation) implements SetAssignment {
    }

    /** {@code CHARACTER SET charset} / {@code CHARSET charset}. */
    record CharacterSet(String charset) implements SetAssignment {
    }

    /** {@code [SESSION|GLOBAL] TRANSACTION ...}; {@code scope} is "next", "session" or "global". */
    record TransactionCharacteristics(String scope, String characteristics) implements SetAssignment {
    }

    /** Forms the proxy passes through untouched: SET PASSWORD, SET ROLE, SET STATEMENT ... FOR, ... */
    record Other(String text) implements SetAssignment {
    }
}
