package dev.computefabric.executor.deploy;

import dev.computefabric.executor.function.FabricFunction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * Functions from jars ({@code --functions PATH}): each jar in a class loader of its own, child of the executor's,
 * so it sees the fabric's API and brings whatever else it needs; its functions are the {@link FabricFunction}
 * implementations it lists in {@code META-INF/services/dev.computefabric.executor.function.FabricFunction}.
 */
public final class FunctionJars implements AutoCloseable {

    static final String SERVICE_FILE = "META-INF/services/" + FabricFunction.class.getName();

    private final List<FabricFunction> functions;
    private final List<URLClassLoader> loaders;

    private FunctionJars(List<FabricFunction> functions, List<URLClassLoader> loaders) {
        this.functions = List.copyOf(functions);
        this.loaders = List.copyOf(loaders);
    }

    /**
     * Loads every function of {@code path}: a jar, or a folder whose {@code *.jar} files are each loaded.
     *
     * @throws IllegalArgumentException the path holds no jar, a jar lists no function, or a listed class cannot
     *                                  be loaded or instantiated; the message names the jar and the class
     */
    public static FunctionJars load(Path path) {
        List<Path> jars = jars(path);
        List<FabricFunction> functions = new ArrayList<>();
        List<URLClassLoader> loaders = new ArrayList<>();
        try {
            for (Path jar : jars) {
                URLClassLoader loader = new URLClassLoader(
                        "functions:" + jar.getFileName(), new URL[] {url(jar)}, FabricFunction.class.getClassLoader());
                loaders.add(loader);
                List<FabricFunction> found = functionsOf(jar, loader);
                if (found.isEmpty()) {
                    throw new IllegalArgumentException(
                            "--functions: " + jar + " lists no function; add the class names of its FabricFunction"
                                    + " implementations to " + SERVICE_FILE + " in the jar");
                }
                functions.addAll(found);
            }
        } catch (RuntimeException e) {
            loaders.forEach(FunctionJars::closeQuietly);
            throw e;
        }
        return new FunctionJars(functions, loaders);
    }

    public List<FabricFunction> functions() {
        return functions;
    }

    @Override
    public void close() {
        loaders.forEach(FunctionJars::closeQuietly);
    }

    private static List<FabricFunction> functionsOf(Path jar, ClassLoader loader) {
        List<FabricFunction> found = new ArrayList<>();
        try {
            // Only the jar's own providers: the parent's (the executor's) would be found through it too.
            ServiceLoader.load(FabricFunction.class, loader).stream()
                    .filter(provider -> provider.type().getClassLoader() == loader)
                    .forEach(provider -> found.add(provider.get()));
        } catch (ServiceConfigurationError e) {
            throw new IllegalArgumentException(
                    "--functions: cannot load the functions " + jar + " lists in " + SERVICE_FILE + ": "
                            + e.getMessage()
                            + (e.getCause() == null ? "" : " (" + e.getCause() + ")"),
                    e);
        }
        return found;
    }

    private static List<Path> jars(Path path) {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        if (!Files.isDirectory(path)) {
            throw new IllegalArgumentException("--functions: " + path + " is neither a jar nor a folder of jars");
        }
        try (Stream<Path> files = Files.list(path)) {
            List<Path> jars = files.filter(file -> file.getFileName().toString().endsWith(".jar"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
            if (jars.isEmpty()) {
                throw new IllegalArgumentException("--functions: the folder " + path + " holds no *.jar file");
            }
            return jars;
        } catch (IOException e) {
            throw new UncheckedIOException("--functions: cannot list " + path, e);
        }
    }

    private static URL url(Path jar) {
        try {
            return jar.toAbsolutePath().toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("--functions: " + jar + " is not a usable path", e);
        }
    }

    private static void closeQuietly(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException e) {
            // Closing only releases the jar file handle; nothing to do about a failure.
        }
    }
}
