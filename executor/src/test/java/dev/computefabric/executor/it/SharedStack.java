package dev.computefabric.executor.it;

import dev.computefabric.infra.stack.EmbeddedStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One embedded stack (DEV broker profile: share-group session 6 s) for the whole IT run; tests isolate
 * themselves with their own capability tag, topic and group. It stops with the test JVM.
 */
final class SharedStack {

    private static EmbeddedStack stack;
    private static Observer observer;

    private SharedStack() {}

    static synchronized EmbeddedStack get() {
        if (stack == null) {
            try {
                Path dir = Files.createTempDirectory(Path.of("target"), "it-stack-");
                stack = EmbeddedStack.builder()
                        .dataDir(dir.toAbsolutePath())
                        .build()
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            observer = Observer.start(stack.bootstrap(), stack.registryUrl());
            Runtime.getRuntime().addShutdownHook(new Thread(observer::close));
        }
        return stack;
    }

    /** Everything executors wrote to results, events and the dead-letter topic since the run began. */
    static synchronized Observer observer() {
        get();
        return observer;
    }
}
