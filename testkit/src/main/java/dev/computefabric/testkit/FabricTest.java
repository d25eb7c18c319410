package dev.computefabric.testkit;

import dev.computefabric.executor.function.FabricFunction;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class against a real fabric on this machine: broker, S3, schema registry, result router and a gateway,
 * started once for the whole test run and shared by every test class; and, for each test, a node in this JVM that
 * serves {@link #functions()} and the scripts in {@link #scripts()} under a capability tag of that test's own.
 *
 * <p>Test and {@code @BeforeEach} methods take {@code FabricClient} (HTTP, through the gateway),
 * {@code KafkaSubmitter} (straight to Kafka) and {@link FabricTestInfo} as parameters; every call those clients make
 * requires the test's tag, so it runs on that test's node and on no other.
 *
 * <pre>{@code
 * @FabricTest(functions = Discount.class)
 * class DiscountTest {
 *     @Test
 *     void tenPercentOffByDefault(FabricClient fabric) {
 *         assertThat(fabric.call("shop.discount", new Order(200), Price.class).total()).isEqualTo(180.0);
 *     }
 * }
 * }</pre>
 *
 * <p>For functions that need constructor arguments, register the extension instead:
 * {@code @RegisterExtension static FabricExtension fabric = FabricExtension.builder().function(new Discount(rates)).build();}
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(FabricExtension.class)
public @interface FabricTest {

    /** Functions each test's node serves; each class needs a constructor without arguments. */
    Class<? extends FabricFunction>[] functions() default {};

    /**
     * A folder of scripts with headers ({@code #name:}, {@code #language:}, ...) each test's node serves, relative to
     * the working directory (under Maven: the module's folder), e.g. {@code src/test/scripts}. Empty: none.
     */
    String scripts() default "";

    /** How many calls each test's node runs at once. */
    int slots() default FabricTestOptions.DEFAULT_SLOTS;

    /** Whether each test's node also serves the fabric's built-in functions ({@code echo}, {@code table.*}, ...). */
    boolean builtins() default FabricTestOptions.DEFAULT_BUILTINS;
}
