package dev.computefabric.executor.function.builtin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.computefabric.avro.FunctionSpec;
import dev.computefabric.avro.ParamType;
import dev.computefabric.executor.function.BadArgumentsException;
import dev.computefabric.executor.function.CallContext;
import dev.computefabric.executor.function.FabricFunction;
import dev.computefabric.executor.function.FunctionSpecs;
import dev.computefabric.executor.table.TableSummary;

/**
 * {@code table.describe.merge}: the reduce of {@code table.describe} over a table's chunks. Takes
 * {@code {"parts": [<table.describe output>, ...]}} and answers what {@code table.describe} answers for the whole
 * table: rows and counts summed, min of mins, max of maxes, mean weighted by count (equal to the whole table's
 * within rounding), columns in order of first appearance across the parts. A column that is text in any part is
 * text. No parts: zero rows, no columns.
 */
public final class TableDescribeMerge implements FabricFunction {

    public static final String NAME = "table.describe.merge";

    private static final String EXAMPLE = "{\"parts\": [{\"rows\": 2, \"columns\": {\"n\": {\"count\": 2, \"min\": 1.0,"
            + " \"max\": 3.0, \"mean\": 2.0}}}, {\"rows\": 0, \"columns\": {}}]}";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public FunctionSpec spec() {
        return FunctionSpecs.of(NAME)
                .description("Combines the table.describe outputs of a table's chunks into the description of the"
                        + " whole table.")
                .input(FunctionSpecs.param("parts", ParamType.JSON))
                .output(FunctionSpecs.param("rows", ParamType.INT))
                .output(FunctionSpecs.param("columns", ParamType.JSON))
                .build();
    }

    @Override
    public Object run(CallContext context) {
        ArrayNode parts = context.args().requiredArray("parts", EXAMPLE);
        TableSummary whole = new TableSummary();
        for (int i = 0; i < parts.size(); i++) {
            whole.merge(part(parts.get(i), i));
        }
        return whole.toJson();
    }

    private static TableSummary part(JsonNode part, int index) {
        try {
            return TableSummary.fromJson(part);
        } catch (IllegalArgumentException e) {
            throw new BadArgumentsException(NAME + ": parts[" + index + "] is not a table.describe output: "
                    + e.getMessage() + "; pass the outputs as table.describe answered them, for example " + EXAMPLE);
        }
    }
}
