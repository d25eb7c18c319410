package dev.computefabric.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Serves a bean's method as a fabric function, on the node the starter runs in this application. The method takes
 * the call's arguments as one record (its components are the function's inputs, in the catalog's signature; use
 * {@code @FabricParam} for defaults and descriptions) and, optionally, the {@code CallContext}; what it returns
 * becomes the output (a record, or anything Jackson writes as JSON).
 *
 * <pre>{@code
 * @Component
 * class Quotes {
 *     record Order(String item, int quantity) {}
 *     record Quote(String item, double total) {}
 *
 *     @FabricFunction(value = "quote.price", description = "Prices an order")
 *     Quote price(Order order) { ... }
 * }
 * }</pre>
 *
 * The method may throw: {@code BadArgumentsException} and {@code FunctionFailedException} fail the call with their
 * message, any other exception fails it as the function's own failure.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface FabricFunction {

    /** The name callers call it by, e.g. {@code quote.price}; the method's name when empty. */
    String value() default "";

    /** Shown in the catalog ({@code GET /v1/functions}). */
    String description() default "";

    /** Capability tags a node needs to run it; calls that name no requirements go to their topic. */
    String[] capabilities() default {};
}
