package dev.computefabric.executor.function.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.computefabric.avro.FunctionSpec;
import dev.computefabric.avro.ParamType;
import dev.computefabric.executor.function.BadArgumentsException;
import dev.computefabric.executor.function.CallContext;
import dev.computefabric.executor.function.FabricFunction;
import dev.computefabric.executor.function.FunctionFailedException;
import dev.computefabric.executor.function.FunctionSpecs;
import dev.computefabric.executor.script.GrowingFile;
import dev.computefabric.executor.script.PrintedOutput;
import dev.computefabric.executor.script.ProcessTree;
import dev.computefabric.executor.script.ProgressFile;
import dev.computefabric.executor.script.Scratch;
import dev.computefabric.executor.script.TableFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code python}: runs {@code {"code": "..."}} with {@code python3} in a scratch directory of its own. The
 * script reads {@code args.input} as JSON on stdin and finds each input table as a file,
 * {@code $FABRIC_TABLES/<name>.csv} or {@code .jsonl}, streamed there from the call (never held in memory).
 * What it prints on stdout is the output: JSON if it parses as JSON, else {@code {"stdout": "..."}}. A
 * non-zero exit fails the call with the end of stderr. Progress: lines {@code <fraction> <message>} appended to
 * the file {@code $FABRIC_PROGRESS} are reported as the call's progress while it runs. Every line the script writes
 * to stderr is the call's log ({@link CallContext#log}), sent while it runs.
 *
 * <p>Cancel and deadlines interrupt the executor thread; the script's whole process tree is then stopped
 * ({@link ProcessTree}).
 *
 * <p>It runs whatever code a caller sends: a node serves it only when started with {@code --allow-inline-code}.
 * Scripts deployed on the node ({@code --scripts DIR}) are the way to run code without that.
 */
public final class PythonScript implements FabricFunction {

    public static final String NAME = "python";
    static final int STDERR_TAIL_BYTES = 4 * 1024;

    private static final String EXAMPLE =
            "{\"code\": \"import json,sys; print(json.dumps(json.load(sys.stdin)))\", \"input\": {}}";
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
    public FunctionSpec spec() {
        return FunctionSpecs.of(NAME)
                .description("Runs the Python code sent in the call (nodes started with --allow-inline-code only).")
                .language("python")
                .capabilities(java.util.List.of("python"))
                .input(FunctionSpecs.param("code", ParamType.STRING))
                .input(FunctionSpecs.optional("input", ParamType.JSON))
                .build();
    }

    @Override
    public Object run(CallContext context) throws IOException, InterruptedException {
        String code = context.args()
                .optionalString("code", EXAMPLE)
                .orElseThrow(() -> new BadArgumentsException(NAME + ": \"code\" is required; for example " + EXAMPLE));
        JsonNode input = context.args().json().path("input");
        try (Scratch scratch = Scratch.create("fabric-" + NAME + "-")) {
            Path script = Files.writeString(scratch.resolve("main.py"), code);
            Path stdin = scratch.resolve("stdin.json");
            JSON.writeValue(stdin.toFile(), input.isMissingNode() ? JSON.createObjectNode() : input);
            Path tables = Files.createDirectory(scratch.resolve("tables"));
            TableFiles.writeAll(context, tables);
            Path stdout = scratch.resolve("stdout");
            Path stderr = scratch.resolve("stderr");
            ProcessBuilder builder = new ProcessBuilder(interpreter, script.toString())
                    .directory(scratch.path().toFile())
                    .redirectInput(stdin.toFile())
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile());
            builder.environment().put("FABRIC_TABLES", tables.toString());
            builder.environment().put("FABRIC_CALL_ID", context.callId());
            ProgressFile progress = new ProgressFile(scratch.resolve("progress"), context);
            builder.environment().put("FABRIC_PROGRESS", progress.path().toString());
            GrowingFile logLines = new GrowingFile(stderr);
            int exit = ProcessTree.runToEnd(start(builder), () -> {
                progress.poll();
                logLines.newLines(false).forEach(context::log);
            });
            logLines.newLines(true).forEach(context::log);
            if (exit != 0) {
                throw new FunctionFailedException(
                        NAME + ": the script exited with " + exit + ": " + logLines.tail(STDERR_TAIL_BYTES), false);
            }
            return PrintedOutput.read(stdout, NAME + ": the script", "");
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
}
