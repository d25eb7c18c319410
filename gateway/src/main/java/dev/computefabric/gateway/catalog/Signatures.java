package dev.computefabric.gateway.catalog;

import dev.computefabric.avro.FunctionParam;
import dev.computefabric.avro.FunctionSpec;
import dev.computefabric.avro.ParamType;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A function's signature as one line people read, e.g.
 * {@code summarize(sales: dataframe, column: string = "amount") -> (summary: dataframe, total: double)}.
 * A function that declares no inputs reads {@code name(...)}: it takes any arguments.
 */
public final class Signatures {

    private Signatures() {}

    public static String of(FunctionSpec spec) {
        String inputs = spec.getInputs() == null ? "..." : params(spec.getInputs());
        String line = spec.getName() + "(" + inputs + ")";
        List<FunctionParam> outputs = spec.getOutputs();
        if (outputs == null || outputs.isEmpty()) {
            return line;
        }
        return line + " -> " + (outputs.size() == 1 ? param(outputs.get(0)) : "(" + params(outputs) + ")");
    }

    /** How a type is written in signatures, headers and the API: lower case. */
    public static String typeName(ParamType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    /** One input as a signature shows it: {@code column: string = "amount"}, {@code limit?: int}. */
    public static String param(FunctionParam p) {
        String name = p.getOptional() && p.getDefaultValue() == null ? p.getName() + "?" : p.getName();
        String text = name + ": " + typeName(p.getType());
        return p.getDefaultValue() == null ? text : text + " = " + p.getDefaultValue();
    }

    private static String params(List<FunctionParam> params) {
        return params.stream().map(Signatures::param).collect(Collectors.joining(", "));
    }
}
