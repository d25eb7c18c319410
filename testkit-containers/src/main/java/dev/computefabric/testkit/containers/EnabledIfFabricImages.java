package dev.computefabric.testkit.containers;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class or method only where a container engine answers and the fabric's images exist;
 * elsewhere JUnit reports it skipped, with the reason (no engine, and how Testcontainers looked for one; or which
 * images are missing and how to build them). Put it before {@code @Testcontainers}, whose {@code @Container} fields
 * would otherwise start and fail.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(FabricImagesCondition.class)
public @interface EnabledIfFabricImages {}
