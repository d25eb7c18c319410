package dev.computefabric.executor.script;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.computefabric.avro.FunctionParam;
import dev.computefabric.avro.FunctionSpec;
import dev.computefabric.avro.ParamType;
import dev.computefabric.avro.TableFormat;
import dev.computefabric.executor.function.CallContext;
import dev.computefabric.executor.function.FabricFunction;
import dev.computefabric.executor.function.FunctionFailedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A script file served as a function. Each call runs in a scratch directory of its own: scalar inputs as text files
 * and {@code inputs.json}, tables streamed to CSV files, the script (as it was when the folder was last read) next to
 * a generated wrapper that makes inputs variables and writes outputs back. Scalars come back as the output object,
 * dataframes as output tables, streamed. What the script prints reaches the caller as LOG events; progress lines
 * appended to {@code $FABRIC_PROGRESS} as progress; a non-zero exit fails the call with the end of what it printed.
 */
public final class ScriptFunction implements FabricFunction {

    static final int OUTPUT_TAIL_BYTES = 4 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ScriptHeader header;
    private final String fileName;
    private final String text;
    private final ScriptLauncher launcher;

    /**
     * @param fileName the script's file name, kept so that errors and tracebacks name it
     * @param text     the script's content when it was read
     */
    ScriptFunction(ScriptHeader header, String fileName, String text, ScriptLauncher launcher) {
        this.header = header;
        this.fileName = fileName;
        this.text = text;
        this.launcher = launcher;
    }

    public ScriptHeader header() {
        return header;
    }

    @Override
    public String name() {
        return header.name();
    }

    @Override
    public FunctionSpec spec() {
        return header.spec();
    }

    /** Scripts may have side effects the fabric cannot see: they say whether a retry is safe, by default none is. */
    @Override
    public OptionalInt maxRetries() {
        return OptionalInt.empty();
    }

    @Override
    public Object run(CallContext context) throws IOException, InterruptedException {
        Map<String, JsonNode> scalars = ScriptArguments.check(header, context);
        try (Scratch scratch = Scratch.create("fabric-script-")) {
            Path inputs = Files.createDirectory(scratch.resolve(ScriptEnvironment.INPUTS));
            Path tables = Files.createDirectory(scratch.resolve(ScriptEnvironment.TABLES));
            Path outputs = Files.createDirectory(scratch.resolve(ScriptEnvironment.OUTPUTS));
            writeScalars(inputs, scalars);
            TableFiles.writeAll(context, tables);
            Files.writeString(scratch.resolve(fileName), text);
            Path wrapper = Files.writeString(
                    scratch.resolve(header.language().wrapper().fileName()),
                    header.language().wrapper().text(header));
            ScriptEnvironment env =
                    new ScriptEnvironment(context.callId(), launcher.scratchAsSeen(scratch.path()), fileName);
            Path log = scratch.resolve("output.log");
            ProcessBuilder builder = new ProcessBuilder(launcher.command(
                            header,
                            scratch.path(),
                            launcher.scratchAsSeen(scratch.path()).resolve(wrapper.getFileName()),
                            env))
                    .directory(scratch.path().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(env.variables());
            ProgressFile progress = new ProgressFile(scratch.resolve(ScriptEnvironment.PROGRESS), context);
            GrowingFile printed = new GrowingFile(log);
            int exit = ProcessTree.runToEnd(start(builder), () -> {
                progress.poll();
                printed.newLines(false).forEach(context::log);
            });
            progress.poll();
            printed.newLines(true).forEach(context::log);
            if (exit != 0) {
                throw new FunctionFailedException(
                        name() + ": " + fileName + " exited with " + exit + ": " + printed.tail(OUTPUT_TAIL_BYTES),
                        false);
            }
            return readOutputs(context, outputs);
        }
    }

    private Process start(ProcessBuilder builder) {
        try {
            return builder.start();
        } catch (IOException e) {
            throw new FunctionFailedException(
                    name() + ": cannot start " + launcher.describe() + " (" + e.getMessage() + ")", false);
        }
    }

    private void writeScalars(Path inputs, Map<String, JsonNode> scalars) throws IOException {
        ObjectNode all = JSON.createObjectNode();
        for (Map.Entry<String, JsonNode> entry : scalars.entrySet()) {
            all.set(entry.getKey(), entry.getValue());
            if (!entry.getValue().isNull()) {
                // One file per name for languages without a JSON parser (R, bash, julia); an optional input left out
                // has none, so the wrapper leaves its variable unset (NULL in R).
                ParamType type = header.inputs().stream()
                        .filter(p -> p.getName().equals(entry.getKey()))
                        .findFirst()
                        .orElseThrow()
                        .getType();
                Files.writeString(inputs.resolve(entry.getKey()), ScalarText.encode(entry.getValue(), type));
            }
        }
        JSON.writeValue(inputs.resolve("inputs.json").toFile(), all);
    }

    private ObjectNode readOutputs(CallContext context, Path outputs) throws IOException {
        ObjectNode result = JSON.createObjectNode();
        List<FunctionParam> declared = header.outputs();
        for (FunctionParam output : declared) {
            String name = output.getName();
            if (output.getType() == ParamType.DATAFRAME) {
                Path file = outputs.resolve(name + ".csv");
                if (!Files.isRegularFile(file)) {
                    throw missing(name);
                }
                TableFiles.read(context, name, file, TableFormat.CSV);
            } else {
                Path file = outputs.resolve(name);
                if (!Files.isRegularFile(file)) {
                    throw missing(name);
                }
                Scratch.requireNotALink(file, name() + ": output \"" + name + "\"");
                try {
                    result.set(
                            name, ScalarText.decode(Files.readString(file, StandardCharsets.UTF_8), output.getType()));
                } catch (IllegalArgumentException e) {
                    throw new FunctionFailedException(
                            name() + ": output \"" + name + "\" ("
                                    + output.getType().name().toLowerCase(java.util.Locale.ROOT) + ") "
                                    + e.getMessage(),
                            false);
                }
            }
        }
        return result;
    }

    private FunctionFailedException missing(String output) {
        return new FunctionFailedException(
                name() + ": " + fileName + " ended without setting its output \"" + output
                        + "\"; assign a variable of that name",
                false);
    }
}
