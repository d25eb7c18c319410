package dev.computefabric.executor.function;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes one component of a {@link TypedFunction}'s argument or output record in the catalog:
 * {@code record Args(@FabricParam(defaultValue = "\"amount\"", description = "the column to sum") String column)}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD})
public @interface FabricParam {

    /** Shown in the catalog. */
    String description() default "";

    /**
     * The value used when a call leaves the argument out, as JSON text: {@code "10"}, {@code "\"amount\""},
     * {@code "true"}. Empty: no default (the argument is required, unless its type is {@code Optional}).
     */
    String defaultValue() default "";
}
