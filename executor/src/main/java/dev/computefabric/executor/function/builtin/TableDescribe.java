package dev.computefabric.executor.function.builtin;

import dev.computefabric.avro.FunctionSpec;
import dev.computefabric.avro.ParamType;
import dev.computefabric.avro.Table;
import dev.computefabric.executor.function.CallContext;
import dev.computefabric.executor.function.FabricFunction;
import dev.computefabric.executor.function.FunctionSpecs;
import dev.computefabric.executor.table.CsvSummarizer;
import dev.computefabric.executor.table.JsonLinesSummarizer;
import dev.computefabric.executor.table.TableSummary;
import java.io.IOException;
import java.io.InputStream;

/**
 * {@code table.describe}: row count and per-column statistics of one input table, the one named by
 * {@code {"table": "name"}} or else the only one. The table is streamed, never held whole in memory.
 *
 * <p>Output: {@code {"rows": N, "columns": {"<col>": {"count": .., "min": .., "max": .., "mean": ..}}}},
 * columns in header order (CSV) or in order of first appearance (JSON Lines); see {@link TableSummary}.
 */
public final class TableDescribe implements FabricFunction {

    public static final String NAME = "table.describe";

    private static final String EXAMPLE = "{\"table\": \"sales\"}";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FunctionSpec spec() {
        return FunctionSpecs.of(NAME)
                .description("Row count and per-column count, min, max and mean of one input table (any name),"
                        + " streamed.")
                .input(InputTables.anyTable())
                .input(InputTables.tableChoice())
                .output(FunctionSpecs.param("rows", ParamType.INT))
                .output(FunctionSpecs.param("columns", ParamType.JSON))
                .build();
    }

    @Override
    public Object run(CallContext context) throws IOException {
        String name = InputTables.chosen(context, EXAMPLE, "describe");
        Table table = context.table(name).orElseThrow();
        TableSummary summary;
        try (InputStream in = context.open(name)) {
            summary = switch (table.getFormat()) {
                case CSV -> CsvSummarizer.summarize(name, in);
                case JSONL -> JsonLinesSummarizer.summarize(name, in);
            };
        }
        return summary.toJson();
    }
}
