package dev.computefabric.executor.function.builtin;

import dev.computefabric.avro.FunctionSpec;
import dev.computefabric.avro.ParamType;
import dev.computefabric.avro.TableFormat;
import dev.computefabric.executor.function.CallContext;
import dev.computefabric.executor.function.FabricFunction;
import dev.computefabric.executor.function.FunctionSpecs;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/**
 * {@code table.copy}: streams one input table, unchanged, to the output table {@code data} (or
 * {@code {"output": "name"}}). The input is the one named by {@code {"table": "name"}}, else the only one.
 * Its bytes pass through in constant memory and are verified against the input's reference on the way;
 * the copy has the input's hash, so storage keeps one object for both. Answers {@code {"bytes": N}}.
 *
 * <p>A plain function, and a probe: it moves a table through the whole path (gateway, S3, executor and back)
 * with no work of its own, which is what the benchmark measures.
 */
public final class TableCopy implements FabricFunction {

    public static final String NAME = "table.copy";
    public static final String DEFAULT_OUTPUT = "data";

    private static final String EXAMPLE = "{\"table\": \"data\", \"output\": \"data\"}";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FunctionSpec spec() {
        return FunctionSpecs.of(NAME)
                .description("Streams one input table (any name), unchanged, to an output table.")
                .input(InputTables.anyTable())
                .input(InputTables.tableChoice())
                .input(FunctionSpecs.param("output", ParamType.STRING, "\"" + DEFAULT_OUTPUT + "\""))
                .output(FunctionSpecs.param(DEFAULT_OUTPUT, ParamType.DATAFRAME))
                .output(FunctionSpecs.param("bytes", ParamType.INT))
                .build();
    }

    @Override
    public Object run(CallContext context) throws IOException {
        String input = InputTables.chosen(context, EXAMPLE, "copy");
        String output = context.args().optionalString("output", EXAMPLE).orElse(DEFAULT_OUTPUT);
        TableFormat format = context.table(input).orElseThrow().getFormat();
        long bytes;
        try (InputStream in = context.open(input);
                OutputStream out = context.createOutput(output, format)) {
            bytes = in.transferTo(out);
        }
        return Map.of("bytes", bytes);
    }
}
