package dev.computefabric.cli;

import dev.computefabric.infra.stack.DataDirs;
import dev.computefabric.infra.stack.LocalFabric;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a {@link LocalFabric} started once for the whole test run (broker, S3, registry, router,
 * gateway, two executors) and stopped when the run ends. Tests keep apart by their own call ids.
 */
final class SharedFabric implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedFabric.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalFabric.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot()
                .getStore(NAMESPACE)
                .computeIfAbsent(Running.class, key -> Running.start(), Running.class)
                .fabric();
    }

    /** The store closes this at the end of the run: stop every process, then remove the data. */
    private record Running(LocalFabric fabric, Path dataDir) implements AutoCloseable {

        static Running start() {
            try {
                Path dataDir = Files.createTempDirectory("fabric-it-");
                return new Running(LocalFabric.start(LocalFabric.Options.twoExecutors(dataDir)), dataDir);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            fabric.close();
            DataDirs.delete(dataDir);
        }
    }
}
