package dev.computefabric.testkit;

import dev.computefabric.executor.function.FabricFunction;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * What each test's node serves.
 *
 * @param functions the test's own functions
 * @param scripts   a folder of scripts with headers, if any
 * @param slots     calls the node runs at once
 * @param builtins  whether the fabric's built-in functions are served too
 */
public record FabricTestOptions(List<FabricFunction> functions, Optional<Path> scripts, int slots, boolean builtins) {

    /** Enough for a test that submits a few calls at once; each test has its node to itself. */
    public static final int DEFAULT_SLOTS = 4;

    public static final boolean DEFAULT_BUILTINS = true;

    public FabricTestOptions {
        functions = List.copyOf(functions);
        scripts = scripts == null
                ? Optional.empty()
                : scripts.map(path -> path.toAbsolutePath().normalize());
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be at least 1, got " + slots);
        }
        scripts.ifPresent(folder -> {
            if (!Files.isDirectory(folder)) {
                throw new IllegalArgumentException("scripts must be a folder of scripts, but " + folder
                        + (Files.exists(folder) ? " is not a folder" : " does not exist")
                        + " (a relative path is resolved against the working directory, "
                        + Path.of("").toAbsolutePath() + ")");
            }
        });
        List<String> names = new ArrayList<>();
        for (FabricFunction function : functions) {
            if (names.contains(function.name())) {
                throw new IllegalArgumentException(
                        "two functions are named '" + function.name() + "'; a node serves each name once");
            }
            names.add(function.name());
        }
    }

    /** Reads the annotation of {@code testClass}: instantiates its function classes, resolves its scripts folder. */
    public static FabricTestOptions from(FabricTest annotation, Class<?> testClass) {
        List<FabricFunction> functions = new ArrayList<>();
        for (Class<? extends FabricFunction> type : annotation.functions()) {
            functions.add(instantiate(type, testClass));
        }
        Optional<Path> scripts = annotation.scripts().isBlank()
                ? Optional.empty()
                : Optional.of(Path.of(annotation.scripts().trim()));
        try {
            return new FabricTestOptions(functions, scripts, annotation.slots(), annotation.builtins());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("@FabricTest on " + testClass.getName() + ": " + e.getMessage(), e);
        }
    }

    /** The {@link FabricTest} of {@code testClass}, its superclasses, or, for a {@code @Nested} class, its enclosing ones. */
    static Optional<FabricTest> annotationOf(Class<?> testClass) {
        for (Class<?> type = testClass; type != null; type = type.getEnclosingClass()) {
            Optional<FabricTest> found = AnnotationSupport.findAnnotation(type, FabricTest.class);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static FabricFunction instantiate(Class<? extends FabricFunction> type, Class<?> testClass) {
        String where = "@FabricTest(functions = " + type.getSimpleName() + ".class) on " + testClass.getName();
        Constructor<? extends FabricFunction> constructor;
        try {
            constructor = type.getDeclaredConstructor();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(where + ": " + type.getName()
                    + " has no constructor without arguments; give it one, or register the extension with"
                    + " FabricExtension.builder().function(new " + type.getSimpleName() + "(...)).build()");
        }
        try {
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(where + ": its constructor threw " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException(
                    where + ": cannot create " + type.getName() + " (an abstract class, or a non-static inner class?): "
                            + e,
                    e);
        }
    }
}
