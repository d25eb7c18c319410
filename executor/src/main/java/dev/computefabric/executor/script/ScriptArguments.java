package dev.computefabric.executor.script;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.computefabric.avro.FunctionParam;
import dev.computefabric.avro.ParamType;
import dev.computefabric.avro.TableFormat;
import dev.computefabric.executor.function.BadArgumentsException;
import dev.computefabric.executor.function.CallContext;
import dev.computefabric.schemas.StrictJson;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A call's arguments checked against a script's header: every scalar of the right type (defaults filled in), every
 * dataframe input present as a CSV table, nothing the header does not declare. Whatever does not fit is
 * {@code BadArguments} naming it, before the script starts.
 */
final class ScriptArguments {

    /** Arguments the fabric itself reads from every call. */
    private static final List<String> RESERVED = List.of("retry");

    private static final ObjectMapper JSON = StrictJson.MAPPER;

    private ScriptArguments() {}

    /** The scalar inputs by name, in header order: a given value, the default, or JSON null for an optional one. */
    static Map<String, JsonNode> check(ScriptHeader header, CallContext context) {
        String function = header.name();
        ObjectNode args = context.args().json();
        for (Iterator<String> names = args.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            FunctionParam declared = find(header.inputs(), name);
            if (declared == null && !RESERVED.contains(name)) {
                throw new BadArgumentsException(
                        function + ": unknown argument \"" + name + "\"; it takes " + signature(header));
            }
            if (declared != null && declared.getType() == ParamType.DATAFRAME) {
                throw new BadArgumentsException(function + ": \"" + name
                        + "\" is a dataframe: send it as a table named \"" + name + "\", not as an argument");
            }
        }
        Map<String, JsonNode> scalars = new LinkedHashMap<>();
        for (FunctionParam input : header.inputs()) {
            if (input.getType() == ParamType.DATAFRAME) {
                checkTable(function, input, context);
                continue;
            }
            JsonNode value = args.get(input.getName());
            if (value == null || value.isNull()) {
                if (input.getDefaultValue() != null) {
                    value = parse(input.getDefaultValue());
                } else if (input.getOptional()) {
                    scalars.put(input.getName(), JSON.nullNode());
                    continue;
                } else {
                    throw new BadArgumentsException(function + ": \"" + input.getName() + "\" (" + typeName(input)
                            + ") is required; it takes " + signature(header));
                }
            }
            String mismatch = ScalarText.mismatch(value, input.getType());
            if (mismatch != null) {
                throw new BadArgumentsException(
                        function + ": \"" + input.getName() + "\" (" + typeName(input) + ") " + mismatch);
            }
            // A double is a double in the script's language too, even when the caller wrote 10 rather than 10.0.
            scalars.put(
                    input.getName(),
                    input.getType() == ParamType.DOUBLE
                            ? JSON.getNodeFactory().numberNode(value.doubleValue())
                            : value);
        }
        return scalars;
    }

    private static void checkTable(String function, FunctionParam input, CallContext context) {
        var table = context.table(input.getName());
        if (table.isEmpty()) {
            if (input.getOptional()) {
                return;
            }
            throw new BadArgumentsException(function + ": needs the table \"" + input.getName()
                    + "\" (dataframe); the call has " + context.describeTables());
        }
        if (table.get().getFormat() != TableFormat.CSV) {
            throw new BadArgumentsException(function + ": reads the table \"" + input.getName()
                    + "\" as CSV; send it with \"format\": \"csv\"");
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException("a header default that was checked does not parse: " + json, e);
        }
    }

    private static FunctionParam find(List<FunctionParam> params, String name) {
        return params.stream().filter(p -> p.getName().equals(name)).findFirst().orElse(null);
    }

    private static String typeName(FunctionParam param) {
        return param.getType().name().toLowerCase(Locale.ROOT);
    }

    /** {@code {"column": string = "amount", "digits": int}; tables: sales}: what a caller should send. */
    static String signature(ScriptHeader header) {
        String args = header.inputsOf(false).stream()
                .map(p -> "\"" + p.getName() + "\": " + typeName(p)
                        + (p.getDefaultValue() != null
                                ? " = " + p.getDefaultValue()
                                : p.getOptional() ? " (optional)" : ""))
                .collect(Collectors.joining(", ", "{", "}"));
        List<FunctionParam> tables = header.inputsOf(true);
        return tables.isEmpty()
                ? args
                : args + " and the tables "
                        + tables.stream().map(FunctionParam::getName).collect(Collectors.joining(", "));
    }
}
