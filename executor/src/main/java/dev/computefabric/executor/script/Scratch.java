package dev.computefabric.executor.script;

import dev.computefabric.executor.function.FunctionFailedException;
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

    /**
     * Refuses a file a process left that is a symbolic link: reading it, the executor would follow the link on its own
     * file system, to files the process was never given (the host's, for a process in a container).
     *
     * @param what names the file in the error, e.g. {@code "summarize: output table 'summary'"}
     */
    public static void requireNotALink(Path file, String what) {
        if (Files.isSymbolicLink(file)) {
            throw new FunctionFailedException(
                    what + " is a symbolic link (" + file.getFileName() + "); write it as a file of its own", false);
        }
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
