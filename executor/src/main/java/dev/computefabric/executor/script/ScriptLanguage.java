package dev.computefabric.executor.script;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A language scripts may be written in: the interpreter a node needs on its PATH, the capability tag a node with
 * it carries, how its comments start (for the header), the file extensions that imply it, and how a script is
 * wrapped so that its inputs are variables and its outputs are read back.
 */
public enum ScriptLanguage {
    PYTHON("python", "python3", "#", List.of(".py"), new PythonWrapper()),
    R("r", "Rscript", "#", List.of(".R", ".r"), new RWrapper()),
    BASH("bash", "bash", "#", List.of(".sh", ".bash"), new BashWrapper()),
    NODE("node", "node", "//", List.of(".js", ".cjs"), new NodeWrapper()),
    JULIA("julia", "julia", "#", List.of(".jl"), new JuliaWrapper()),
    /** A bash script run inside a container image ({@code #image:}), through podman or docker. */
    CONTAINER("container", null, "#", List.of(), new BashWrapper());

    private final String tag;
    private final String executable;
    private final String comment;
    private final List<String> extensions;
    private final Wrapper wrapper;

    ScriptLanguage(String tag, String executable, String comment, List<String> extensions, Wrapper wrapper) {
        this.tag = tag;
        this.executable = executable;
        this.comment = comment;
        this.extensions = extensions;
        this.wrapper = wrapper;
    }

    /** The capability tag and {@code FunctionSpec.language}: {@code python}, {@code r}, ... */
    public String tag() {
        return tag;
    }

    /** The interpreter looked up on the PATH; null for containers (the engine decides). */
    public String executable() {
        return executable;
    }

    /** How a comment line starts: {@code #}, or {@code //} for node. */
    public String comment() {
        return comment;
    }

    Wrapper wrapper() {
        return wrapper;
    }

    /** The language a {@code #language:} value names: its tag, or a common other name ({@code javascript}). */
    public static Optional<ScriptLanguage> named(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT);
        for (ScriptLanguage language : values()) {
            if (language.tag.equals(wanted)) {
                return Optional.of(language);
            }
        }
        return switch (wanted) {
            case "python3", "py" -> Optional.of(PYTHON);
            case "rscript" -> Optional.of(R);
            case "sh", "shell" -> Optional.of(BASH);
            case "javascript", "js", "nodejs" -> Optional.of(NODE);
            default -> Optional.empty();
        };
    }

    /** The language a file name's extension implies, if any. */
    public static Optional<ScriptLanguage> ofFile(String fileName) {
        for (ScriptLanguage language : values()) {
            for (String extension : language.extensions) {
                if (fileName.endsWith(extension)) {
                    return Optional.of(language);
                }
            }
        }
        return Optional.empty();
    }

    /** The file name without the extension its language implies: the function's name when the header has none. */
    public static String baseName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
