package dev.computefabric.testkit;

import dev.computefabric.sdk.FabricClient;
import dev.computefabric.sdk.KafkaSubmitter;
import java.lang.reflect.Constructor;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link FabricTest}; register it yourself with {@link #builder()} to serve function
 * instances. It resolves {@link FabricClient}, {@link KafkaSubmitter} and {@link FabricTestInfo} parameters of test
 * and {@code @BeforeEach} methods. The first such parameter of a test starts the test's node (and, once per run,
 * the shared fabric); tests that take none start nothing.
 */
public final class FabricExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(FabricExtension.class);
    private static final Set<Class<?>> RESOLVED =
            Set.of(FabricClient.class, KafkaSubmitter.class, FabricTestInfo.class);

    /** Set when built with {@link #builder()}; else read from the test class's {@link FabricTest}. */
    private final FabricTestOptions options;

    /** Used by JUnit for {@link FabricTest}. */
    public FabricExtension() {
        this(null);
    }

    FabricExtension(FabricTestOptions options) {
        this.options = options;
    }

    /** For {@code @RegisterExtension}: function instances, a scripts folder, slots, built-ins. */
    public static FabricExtensionBuilder builder() {
        return new FabricExtensionBuilder();
    }

    /** Two instances would both resolve the clients; JUnit's own refusal of that would not say which to drop. */
    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        if (options != null && AnnotationSupport.isAnnotated(testClass, FabricTest.class)) {
            throw new ExtensionConfigurationException(testClass.getName()
                    + " has both @FabricTest and a FabricExtension built with FabricExtension.builder():"
                    + " keep one (the builder for function instances, the annotation for classes)");
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return RESOLVED.contains(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (parameter.getDeclaringExecutable() instanceof Constructor<?>
                || context.getTestMethod().isEmpty()) {
            throw new ParameterResolutionException("the fabric's clients belong to one test each: take "
                    + parameter.getParameter().getType().getSimpleName() + " as a parameter of a @Test or @BeforeEach"
                    + " method, not of " + parameter.getDeclaringExecutable());
        }
        TestScope scope =
                context.getStore(NAMESPACE).computeIfAbsent(TestScope.class, key -> open(context), TestScope.class);
        Class<?> type = parameter.getParameter().getType();
        if (type == FabricClient.class) {
            return scope.client();
        }
        if (type == KafkaSubmitter.class) {
            return scope.submitter();
        }
        return scope.info();
    }

    private TestScope open(ExtensionContext context) {
        // Settings first: a mistake in them fails the test before anything starts.
        FabricTestOptions testOptions = options(context);
        return TestScope.open(
                shared(context), testOptions, context.getRequiredTestMethod().getName());
    }

    private FabricTestOptions options(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        Optional<FabricTest> annotation = FabricTestOptions.annotationOf(testClass);
        if (options != null) {
            return options;
        }
        return FabricTestOptions.from(
                annotation.orElseThrow(() -> new ParameterResolutionException(testClass.getName()
                        + " uses FabricExtension without @FabricTest: annotate the class with @FabricTest,"
                        + " or register the extension with FabricExtension.builder()")),
                testClass);
    }

    private static SharedFabric shared(ExtensionContext context) {
        return context.getRoot()
                .getStore(NAMESPACE)
                .computeIfAbsent(SharedStart.class, key -> SharedStart.attempt(), SharedStart.class)
                .fabric();
    }

    /** The shared fabric, or why it did not start: a failed start is not tried again by every test. */
    private record SharedStart(SharedFabric started, RuntimeException failure) implements AutoCloseable {

        static SharedStart attempt() {
            try {
                return new SharedStart(SharedFabric.start(), null);
            } catch (RuntimeException e) {
                return new SharedStart(null, e);
            }
        }

        SharedFabric fabric() {
            if (failure != null) {
                throw failure;
            }
            return started;
        }

        @Override
        public void close() {
            if (started != null) {
                started.close();
            }
        }
    }
}
