package dev.computefabric.executor.script;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A call's own temporary directory, removed with everything in it when the call ends. */
public final class Scratch implements AutoCloseable {

    private final Path directory;

    private Scratch(Path directory) {
        this.directory = directory;
    }

    public static Scratch create(String prefix) throws IOException {
        return new Scratch(Files.createTempDirectory(prefix));
    }

    public Path path() {
        return directory;
    }

    public Path resolve(String name) {
        return directory.resolve(name);
    }

    @Override
    public void close() {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A scratch directory left in the temp dir is harmless; the result matters more.
        }
    }
}
