package dev.computefabric.executor.script;

import com.fasterxml.jackson.databind.JsonNode;
import dev.computefabric.avro.FunctionSpec;
import dev.computefabric.avro.ParamType;
import dev.computefabric.avro.TableFormat;
import dev.computefabric.executor.function.BadArgumentsException;
import dev.computefabric.executor.function.CallContext;
import dev.computefabric.executor.function.FabricFunction;
import dev.computefabric.executor.function.FunctionFailedException;
import dev.computefabric.executor.function.FunctionSpecs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code container}: runs {@code {"image": ..., "command": [...], "env": {...}}} as a job, as metapages does. The
 * call's tables are mounted read-only at {@code /fabric/tables/<name>.csv} (or {@code .jsonl}); every file the job
 * writes to {@code /fabric/outputs/<name>.csv} or {@code .jsonl} becomes an output table; what it prints on stdout
 * is the output (JSON if it parses, else {@code {"stdout": "..."}}), stderr lines reach the caller as LOG events.
 * A non-zero exit fails the call with the end of stderr. Served only by nodes started with {@code --containers}
 * whose engine works; they carry the capability {@code container}.
 */
public final class ContainerFunction implements FabricFunction {

    public static final String NAME = "container";
    public static final String TAG = "container";

    private static final String EXAMPLE =
            "{\"image\": \"localhost/tools:1\", \"command\": [\"wc\", \"-l\", \"/fabric/tables/data.csv\"]}";

    private final ContainerEngine engine;

    public ContainerFunction(ContainerEngine engine) {
        this.engine = engine;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FunctionSpec spec() {
        return FunctionSpecs.of(NAME)
                .description("Runs a command in a container image; the call's tables are mounted at /fabric/tables,"
                        + " files written to /fabric/outputs become output tables.")
                .language(TAG)
                .capabilities(List.of(TAG))
                .input(FunctionSpecs.param("image", ParamType.STRING))
                .input(FunctionSpecs.optional("command", ParamType.JSON))
                .input(FunctionSpecs.optional("env", ParamType.JSON))
                .build();
    }

    /** The job a call asks for, checked. */
    record Job(String image, List<String> command, Map<String, String> env) {}

    static Job job(CallContext context) {
        String image = context.args()
                .optionalString("image", EXAMPLE)
                .filter(text -> !text.isBlank())
                .orElseThrow(() -> new BadArgumentsException(NAME + ": \"image\" is required; for example " + EXAMPLE));
        JsonNode command = context.args().json().path("command");
        List<String> argv = new ArrayList<>();
        if (command.isTextual()) {
            argv.addAll(List.of("sh", "-c", command.textValue()));
        } else if (command.isArray()) {
            for (JsonNode part : command) {
                if (!part.isTextual()) {
                    throw new BadArgumentsException(NAME + ": \"command\" must be a string or an array of strings, got "
                            + part + " in it; for example " + EXAMPLE);
                }
                argv.add(part.textValue());
            }
        } else if (!command.isMissingNode() && !command.isNull()) {
            throw new BadArgumentsException(
                    NAME + ": \"command\" must be a string or an array of strings; for example " + EXAMPLE);
        }
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode given = context.args().json().path("env");
        if (given.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = given.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (!field.getKey().matches("[A-Za-z_][A-Za-z0-9_]*")
                        || field.getKey().startsWith("FABRIC_")) {
                    throw new BadArgumentsException(NAME + ": \"env\" has '" + field.getKey()
                            + "', which is not a variable name a job may set (letters, digits, _; not FABRIC_*)");
                }
                env.put(
                        field.getKey(),
                        field.getValue().isTextual()
                                ? field.getValue().textValue()
                                : field.getValue().toString());
            }
        } else if (!given.isMissingNode() && !given.isNull()) {
            throw new BadArgumentsException(
                    NAME + ": \"env\" must be an object of names to values, e.g. {\"MODE\": \"fast\"}");
        }
        return new Job(image, argv, env);
    }

    /** The engine's command line for {@code job} with the call's scratch directory at {@code scratch}. */
    List<String> commandLine(String callId, Job job, Path scratch) {
        Map<String, String> env = new LinkedHashMap<>(job.env());
        env.put("FABRIC_CALL_ID", callId);
        env.put("FABRIC_TABLES", ContainerCommand.MOUNT + "/" + ScriptEnvironment.TABLES);
        env.put("FABRIC_OUTPUTS", ContainerCommand.MOUNT + "/" + ScriptEnvironment.OUTPUTS);
        env.put("FABRIC_PROGRESS", ContainerCommand.MOUNT + "/" + ScriptEnvironment.PROGRESS);
        return ContainerCommand.run(
                engine,
                callId,
                job.image(),
                List.of(
                        new ContainerCommand.Mount(
                                scratch.resolve(ScriptEnvironment.TABLES).toString(),
                                ContainerCommand.MOUNT + "/" + ScriptEnvironment.TABLES,
                                true),
                        new ContainerCommand.Mount(
                                scratch.resolve(ScriptEnvironment.OUTPUTS).toString(),
                                ContainerCommand.MOUNT + "/" + ScriptEnvironment.OUTPUTS,
                                false),
                        new ContainerCommand.Mount(
                                scratch.resolve(ScriptEnvironment.PROGRESS).toString(),
                                ContainerCommand.MOUNT + "/" + ScriptEnvironment.PROGRESS,
                                false)),
                null,
                env,
                job.command());
    }

    @Override
    public Object run(CallContext context) throws IOException, InterruptedException {
        Job job = job(context);
        try (Scratch scratch = Scratch.create("fabric-container-")) {
            Path tables = Files.createDirectory(scratch.resolve(ScriptEnvironment.TABLES));
            Path outputs = Files.createDirectory(scratch.resolve(ScriptEnvironment.OUTPUTS));
            Path progressFile = Files.createFile(scratch.resolve(ScriptEnvironment.PROGRESS));
            TableFiles.writeAll(context, tables);
            Path stdout = scratch.resolve("stdout");
            Path stderr = scratch.resolve("stderr");
            ProcessBuilder builder = new ProcessBuilder(commandLine(context.callId(), job, scratch.path()))
                    .directory(scratch.path().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile());
            ProgressFile progress = new ProgressFile(progressFile, context);
            GrowingFile errors = new GrowingFile(stderr);
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new FunctionFailedException(
                        NAME + ": cannot start " + engine.name() + " (" + e.getMessage() + ")", false);
            }
            int exit = ProcessTree.runToEnd(process, () -> {
                progress.poll();
                errors.newLines(false).forEach(context::log);
            });
            progress.poll();
            errors.newLines(true).forEach(context::log);
            if (exit != 0) {
                throw new FunctionFailedException(
                        NAME + ": " + job.image() + " exited with " + exit + ": "
                                + errors.tail(ScriptFunction.OUTPUT_TAIL_BYTES),
                        false);
            }
            storeOutputs(context, outputs);
            return PrintedOutput.read(stdout, NAME + ": the job", ": write large results to /fabric/outputs");
        }
    }

    private static void storeOutputs(CallContext context, Path outputs) throws IOException {
        try (Stream<Path> files = Files.list(outputs)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String fileName = file.getFileName().toString();
                for (TableFormat format : TableFormat.values()) {
                    String suffix = "." + format.name().toLowerCase(Locale.ROOT);
                    if (fileName.endsWith(suffix) && fileName.length() > suffix.length()) {
                        TableFiles.read(
                                context, fileName.substring(0, fileName.length() - suffix.length()), file, format);
                    }
                }
            }
        }
    }
}
