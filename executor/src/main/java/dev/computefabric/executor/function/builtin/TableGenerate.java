package dev.computefabric.executor.function.builtin;

import dev.computefabric.avro.FunctionSpec;
import dev.computefabric.avro.ParamType;
import dev.computefabric.avro.TableFormat;
import dev.computefabric.executor.function.BadArgumentsException;
import dev.computefabric.executor.function.CallContext;
import dev.computefabric.executor.function.FabricFunction;
import dev.computefabric.executor.function.FunctionSpecs;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code table.generate}: writes a table of {@code {"rows": N}} rows to the output table {@code data}, as
 * CSV (default) or {@code {"format": "jsonl"}}. The rows are fixed, so anyone can know the expected bytes:
 * for {@code i} from 1 to N, {@code id = i}, {@code value = (i * 7919) % 10007}, {@code label = "r" + (i % 97)};
 * CSV has the header {@code id,value,label} and lines ending in {@code \n}; JSON Lines has one object per line,
 * {@code {"id":1,"value":7919,"label":"r1"}}. Answers {@code {"rows": N}}.
 *
 * <p>It produces a table of any size without an input, for tests and benchmarks of large outputs.
 */
public final class TableGenerate implements FabricFunction {

    public static final String NAME = "table.generate";
    public static final String OUTPUT = "data";
    public static final long MAX_ROWS = 1_000_000_000L;
    static final int WRITE_BUFFER_CHARS = 64 * 1024;

    private static final String EXAMPLE = "{\"rows\": 1000, \"format\": \"csv\"}";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FunctionSpec spec() {
        return FunctionSpecs.of(NAME)
                .description("Writes a table of rows fixed rows (id, value, label) to the output table data.")
                .input(FunctionSpecs.param("rows", ParamType.INT))
                .input(FunctionSpecs.param("format", ParamType.STRING, "\"csv\""))
                .output(FunctionSpecs.param(OUTPUT, ParamType.DATAFRAME))
                .output(FunctionSpecs.param("rows", ParamType.INT))
                .build();
    }

    @Override
    public Object run(CallContext context) throws IOException, InterruptedException {
        long rows = context.args().requiredLong("rows", 0, MAX_ROWS, EXAMPLE);
        TableFormat format =
                format(context.args().optionalString("format", EXAMPLE).orElse("csv"));
        try (Writer out = new BufferedWriter(
                new OutputStreamWriter(context.createOutput(OUTPUT, format), StandardCharsets.US_ASCII),
                WRITE_BUFFER_CHARS)) {
            write(out, rows, format);
        }
        return Map.of("rows", rows);
    }

    /** The generated table, written to {@code out}. */
    static void write(Writer out, long rows, TableFormat format) throws IOException, InterruptedException {
        if (format == TableFormat.CSV) {
            out.write("id,value,label\n");
        }
        for (long i = 1; i <= rows; i++) {
            long value = (i * 7919) % 10007;
            long label = i % 97;
            if (format == TableFormat.CSV) {
                out.write(i + "," + value + ",r" + label + "\n");
            } else {
                out.write("{\"id\":" + i + ",\"value\":" + value + ",\"label\":\"r" + label + "\"}\n");
            }
            if ((i & 0xFFFF) == 0 && Thread.interrupted()) {
                throw new InterruptedException("table.generate interrupted after " + i + " rows");
            }
        }
    }

    private static TableFormat format(String name) {
        for (TableFormat format : TableFormat.values()) {
            if (format.name().equalsIgnoreCase(name.strip())) {
                return format;
            }
        }
        throw new BadArgumentsException(
                NAME + ": \"format\" must be \"csv\" or \"jsonl\", got \"" + name + "\"; for example " + EXAMPLE);
    }
}
