package dev.computefabric.executor.function.builtin;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.computefabric.avro.TableFormat;
import dev.computefabric.executor.function.BadArgumentsException;
import dev.computefabric.executor.function.CallContext;
import dev.computefabric.executor.function.FabricFunction;
import dev.computefabric.executor.function.FunctionFailedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code python}: runs {@code {"code": "..."}} with {@code python3} in a scratch directory of its own. The
 * script reads {@code args.input} as JSON on stdin and finds each input table as a file,
 * {@code $FABRIC_TABLES/<name>.csv} or {@code .jsonl}, streamed there from the call (never held in memory).
 * What it prints on stdout is the output: JSON if it parses as JSON, else {@code {"stdout": "..."}}. A
 * non-zero exit fails the call with the end of stderr. Progress: lines {@code <fraction> <message>} appended to
 * the file {@code $FABRIC_PROGRESS} are reported as the call's progress while it runs. Every line the script writes
 * to stderr is the call's log ({@link CallContext#log}), sent while it runs.
 *
 * <p>Cancel and deadlines interrupt the executor thread; the script's whole process tree is then stopped:
 * SIGTERM to every descendant and the script, SIGKILL to whatever is left after a grace period. A process
 * that daemonizes itself (double fork, new session) leaves the tree and is not found.
 */
public final class PythonScript implements FabricFunction {

    public static final String NAME = "python";
    /** Longest stdout kept as the output; a script with more to say should write an output table. */
    public static final int MAX_OUTPUT_BYTES = 8 * 1024 * 1024;

    static final int STDERR_TAIL_BYTES = 4 * 1024;
    static final long TERMINATE_GRACE_MS = 2_000;
    static final long PROGRESS_POLL_MS = 200;

    private static final String EXAMPLE =
            "{\"code\": \"import json,sys; print(json.dumps(json.load(sys.stdin)))\", \"input\": {}}";
    private static final Pattern TABLE_FILE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String interpreter;

    public PythonScript() {
        this("python3");
    }

    /** @param interpreter the Python executable, looked up on PATH */
    public PythonScript(String interpreter) {
        this.interpreter = interpreter;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Object run(CallContext context) throws IOException, InterruptedException {
        String code = context.args()
                .optionalString("code", EXAMPLE)
                .orElseThrow(() -> new BadArgumentsException(NAME + ": \"code\" is required; for example " + EXAMPLE));
        JsonNode input = context.args().json().path("input");
        Path scratch = Files.createTempDirectory("fabric-" + NAME + "-");
        try {
            Path script = Files.writeString(scratch.resolve("main.py"), code);
            Path stdin = scratch.resolve("stdin.json");
            JSON.writeValue(stdin.toFile(), input.isMissingNode() ? JSON.createObjectNode() : input);
            Path tables = materializeTables(context, Files.createDirectory(scratch.resolve("tables")));
            Path stdout = scratch.resolve("stdout");
            Path stderr = scratch.resolve("stderr");
            ProcessBuilder builder = new ProcessBuilder(interpreter, script.toString())
                    .directory(scratch.toFile())
                    .redirectInput(stdin.toFile())
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile());
            builder.environment().put("FABRIC_TABLES", tables.toString());
            builder.environment().put("FABRIC_CALL_ID", context.callId());
            ProgressFile progress = new ProgressFile(scratch.resolve("progress"), context);
            builder.environment().put("FABRIC_PROGRESS", progress.path().toString());
            AppendedLines logLines = new AppendedLines(stderr);
            int exit = runToEnd(start(builder), () -> {
                progress.poll();
                logLines.poll().forEach(context::log);
            });
            logLines.rest().forEach(context::log);
            if (exit != 0) {
                throw new FunctionFailedException(
                        NAME + ": the script exited with " + exit + ": " + tail(stderr), false);
            }
            return output(stdout);
        } finally {
            deleteRecursively(scratch);
        }
    }

    private Process start(ProcessBuilder builder) {
        try {
            return builder.start();
        } catch (IOException e) {
            throw new FunctionFailedException(
                    NAME + ": cannot start '" + interpreter + "' (" + e.getMessage()
                            + "); send the call with \"requirements\": [\"python\"] so that it runs where Python is installed",
                    false);
        }
    }

    /**
     * Waits for the script, looking at its progress every {@link #PROGRESS_POLL_MS}; on interrupt (cancel,
     * deadline, shutdown) stops its process tree first.
     */
    static int runToEnd(Process process, Runnable whileRunning) throws InterruptedException {
        try {
            while (!process.waitFor(PROGRESS_POLL_MS, TimeUnit.MILLISECONDS)) {
                whileRunning.run();
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            stopTree(process);
            throw e;
        }
    }

    /** SIGTERM to the script and its descendants, SIGKILL to whatever still runs after the grace period. */
    static void stopTree(Process process) {
        List<ProcessHandle> tree = Stream.concat(process.descendants(), Stream.of(process.toHandle()))
                .toList();
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(TERMINATE_GRACE_MS);
        for (ProcessHandle handle : tree) {
            long left = deadline - System.nanoTime();
            try {
                // Not interruptible here: the thread's interrupt is what brought us; the grace is bounded.
                handle.onExit().get(Math.max(0, left), TimeUnit.NANOSECONDS);
            } catch (Exception stillRunning) {
                handle.destroyForcibly();
            }
        }
    }

    private static Path materializeTables(CallContext context, Path directory) throws IOException {
        for (String name : context.tableNames()) {
            if (!TABLE_FILE_NAME.matcher(name).matches()) {
                throw new BadArgumentsException(NAME + ": table name '" + name + "' cannot be a file name; use letters,"
                        + " digits, '.', '_' and '-'");
            }
            TableFormat format = context.table(name).orElseThrow().getFormat();
            Path file = directory.resolve(name + "." + format.name().toLowerCase(Locale.ROOT));
            try (InputStream in = context.open(name)) {
                Files.copy(in, file);
            }
        }
        return directory;
    }

    private static Object output(Path stdout) throws IOException {
        long size = Files.size(stdout);
        if (size > MAX_OUTPUT_BYTES) {
            throw new FunctionFailedException(
                    NAME + ": the script printed " + size + " bytes; at most " + MAX_OUTPUT_BYTES
                            + " are kept as the output",
                    false);
        }
        String text = Files.readString(stdout, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(text);
        } catch (JacksonException notJson) {
            return Map.of("stdout", text);
        }
    }

    private static String tail(Path stderr) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(stderr.toFile(), "r")) {
            long start = Math.max(0, file.length() - STDERR_TAIL_BYTES);
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "(nothing on stderr)" : (start > 0 ? "..." : "") + text;
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A scratch directory left in the temp dir is harmless; the result matters more.
        }
    }
}
