package io.shardwire.it.harness;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the test class real MariaDB backends: declare a {@code MariaDbCluster} parameter on a test method,
 * constructor or lifecycle method to receive them.
 *
 * <p>Every test class in the JVM that asks for the same {@link #count()} shares one cluster, started on first
 * use and stopped when the test run ends. Tests must therefore leave the servers as they found them: running,
 * with their own databases dropped.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(MariaDbBackendsExtension.class)
public @interface MariaDbBackends {

    /** How many servers the cluster has. */
    int count() default 3;
}
