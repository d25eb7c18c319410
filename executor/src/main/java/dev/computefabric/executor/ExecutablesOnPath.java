package dev.computefabric.executor;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Whether an executable is on a PATH: a regular, executable file of that name in one of its directories. */
public record ExecutablesOnPath(List<Path> directories) implements Predicate<String> {

    public ExecutablesOnPath {
        directories = List.copyOf(directories);
    }

    /** The directories of a PATH value ({@code /usr/bin:/bin}); empty entries are skipped. */
    public static ExecutablesOnPath of(String path) {
        List<Path> directories = new ArrayList<>();
        if (path != null) {
            for (String entry : path.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    try {
                        directories.add(Path.of(entry));
                    } catch (InvalidPathException e) {
                        // A malformed PATH entry finds nothing; the others still count.
                    }
                }
            }
        }
        return new ExecutablesOnPath(directories);
    }

    /** This process's PATH. */
    public static ExecutablesOnPath system() {
        return of(System.getenv("PATH"));
    }

    @Override
    public boolean test(String executable) {
        return find(executable).isPresent();
    }

    /** Where {@code executable} is: the first directory of the PATH that has it. */
    public java.util.Optional<Path> find(String executable) {
        for (Path directory : directories) {
            Path candidate = directory.resolve(executable);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return java.util.Optional.of(candidate);
            }
        }
        return java.util.Optional.empty();
    }
}
