package dev.computefabric.executor.script;

import dev.computefabric.avro.TableFormat;
import dev.computefabric.executor.function.BadArgumentsException;
import dev.computefabric.executor.function.CallContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/** Tables as files for a process: inputs streamed from the call to disk, output files moved into the result. */
public final class TableFiles {

    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private TableFiles() {}

    /**
     * Streams every input table of the call to {@code directory/<name>.<format>} ({@code .csv}, {@code .jsonl});
     * never holds one in memory.
     */
    public static void writeAll(CallContext context, Path directory) throws IOException {
        for (String name : context.tableNames()) {
            TableFormat format = context.table(name).orElseThrow().getFormat();
            write(context, name, directory.resolve(fileName(context, name) + "." + extension(format)));
        }
    }

    /** Streams the input table {@code name} to {@code file}. */
    public static void write(CallContext context, String name, Path file) throws IOException {
        try (InputStream in = context.open(name)) {
            Files.copy(in, file);
        }
    }

    /**
     * Makes the process's output {@code file} the output table {@code name} of the call: moved, not copied. A symbolic
     * link fails the call: the executor would follow it outside the process's scratch directory (or, for a
     * container, outside the container), to any file the executor itself may read.
     */
    public static void read(CallContext context, String name, Path file, TableFormat format) throws IOException {
        Scratch.requireNotALink(file, context.function() + ": output table '" + name + "'");
        context.adoptOutput(name, file, format);
    }

    public static String extension(TableFormat format) {
        return format.name().toLowerCase(Locale.ROOT);
    }

    private static String fileName(CallContext context, String name) {
        if (!FILE_NAME.matcher(name).matches()) {
            throw new BadArgumentsException(context.function() + ": table name '" + name
                    + "' cannot be a file name; use letters, digits, '.', '_' and '-'");
        }
        return name;
    }
}
