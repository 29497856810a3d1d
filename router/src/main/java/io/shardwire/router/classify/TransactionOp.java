package io.shardwire.router.classify;

/** Transaction-control statements. */
public enum TransactionOp {
    BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE_SAVEPOINT, ROLLBACK_TO_SAVEPOINT, XA
}
