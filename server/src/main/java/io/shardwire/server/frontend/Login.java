package io.shardwire.server.frontend;

/** A completed login: who, with which negotiated capabilities, charset and initial schema. */
record Login(Account account, int capabilities, int collationId, String database) {
}
