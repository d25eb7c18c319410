package dev.computefabric.common;

import java.util.function.IntSupplier;

/**
 * How a component's {@code main} ends: with its command line's exit code, and with 1 when an {@link Error} escapes
 * the command line. An {@code OutOfMemoryError} or {@code StackOverflowError} that ends the main thread would
 * otherwise leave the JVM running on its other threads (Kafka Streams', a worker pool's), a component in no state
 * to serve that nothing restarts. {@link System#exit} runs the shutdown hooks, so calls are drained as on SIGTERM.
 */
public final class ComponentMain {

    private ComponentMain() {}

    /** Runs {@code commandLine} (picocli's {@code execute}, which handles exceptions, not errors) and exits unless 0. */
    public static void run(String component, IntSupplier commandLine) {
        int exitCode;
        try {
            exitCode = commandLine.getAsInt();
        } catch (Error e) {
            System.err.println(component + ": stopping after " + e);
            e.printStackTrace();
            exitCode = 1;
        }
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }
}
