package dev.computefabric.gateway.calls;

import dev.computefabric.avro.FunctionParam;
import dev.computefabric.avro.FunctionSpec;
import dev.computefabric.avro.ParamType;
import dev.computefabric.gateway.catalog.Signatures;
import dev.computefabric.gateway.catalog.Suggestions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Checks a call's arguments and tables against its function's signature, and fills in the defaults of inputs
 * the call left out. Dataframe inputs come as tables ({@code "tables"}), every other input as a JSON value in
 * {@code "args"}. A function without a signature takes anything. Tables the signature does not name are passed
 * on: one-table functions such as {@code table.describe} take a table of any name.
 *
 * <p>The gateway fills defaults in, rather than leaving them to the function: the call on Kafka then says
 * everything it runs with, whatever runtime and language take it, and a call that leaves a default out caches
 * like one that spells it.
 */
public final class SignatureCheck {

    /**
     * Arguments the fabric itself reads, allowed in every call whatever the signature: {@code retry} sets the
     * call's retry limit (the executor's {@code RetryPolicy}).
     */
    public static final Set<String> FABRIC_ARGS = Set.of("retry");

    private static final Logger log = LoggerFactory.getLogger(SignatureCheck.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private SignatureCheck() {}

    /**
     * The call's args as it should run them: {@code argsJson} with the defaults of left-out inputs added.
     *
     * @param argsJson   the call's args, a JSON object as text
     * @param tableNames the names of the call's input tables
     * @throws BadArgumentsException naming the first argument or table that does not fit
     */
    public static String check(FunctionSpec spec, String argsJson, Set<String> tableNames) {
        if (spec.getInputs() == null) {
            return argsJson;
        }
        String function = spec.getName();
        Map<String, FunctionParam> inputs = new LinkedHashMap<>();
        spec.getInputs().forEach(p -> inputs.put(p.getName(), p));
        ObjectNode args = (ObjectNode) JSON.readTree(argsJson);

        for (String name : args.propertyNames()) {
            FunctionParam param = inputs.get(name);
            if (param == null) {
                if (FABRIC_ARGS.contains(name)) {
                    continue;
                }
                throw unknown(spec, inputs, name);
            }
            if (param.getType() == ParamType.DATAFRAME) {
                throw new BadArgumentsException(
                        function,
                        name,
                        "argument '" + name + "' of '" + function
                                + "' is a dataframe: send it as a table, \"tables\": {\""
                                + name + "\": {\"format\": \"csv\", \"content\": \"...\"}} (or a multipart part named '"
                                + name + "'), not in \"args\"");
            }
            checkType(function, param, args.get(name));
        }
        for (String name : tableNames) {
            FunctionParam param = inputs.get(name);
            // A table the signature does not name is passed on: one-table functions (table.describe) take any name.
            if (param != null && param.getType() != ParamType.DATAFRAME) {
                throw new BadArgumentsException(
                        function,
                        name,
                        "input '" + name + "' of '" + function + "' is a " + Signatures.typeName(param.getType())
                                + ", not a dataframe: send it in \"args\", not as a table");
            }
        }
        for (FunctionParam param : inputs.values()) {
            String name = param.getName();
            boolean given = param.getType() == ParamType.DATAFRAME
                    ? tableNames.contains(name)
                    : args.has(name) && !args.get(name).isNull();
            if (given) {
                continue;
            }
            if (param.getDefaultValue() != null && param.getType() != ParamType.DATAFRAME) {
                fillDefault(function, args, param);
            } else if (!param.getOptional() && param.getDefaultValue() == null) {
                throw missing(spec, param, tableNames);
            }
        }
        return JSON.writeValueAsString(args);
    }

    private static void checkType(String function, FunctionParam param, JsonNode value) {
        if (value.isNull()) {
            return; // treated as left out, below
        }
        boolean fits = switch (param.getType()) {
            case INT ->
                value.isIntegralNumber()
                        || (value.isFloatingPointNumber()
                                && value.decimalValue().stripTrailingZeros().scale() <= 0);
            case DOUBLE -> value.isNumber();
            case STRING -> value.isString();
            case BOOL -> value.isBoolean();
            case JSON -> true;
            case DATAFRAME -> false;
        };
        if (!fits) {
            throw new BadArgumentsException(
                    function,
                    param.getName(),
                    "argument '" + param.getName() + "' of '" + function + "' must be " + expected(param.getType())
                            + ", got " + typeOf(value) + " " + abbreviate(value.toString()));
        }
    }

    private static void fillDefault(String function, ObjectNode args, FunctionParam param) {
        try {
            args.set(param.getName(), JSON.readTree(param.getDefaultValue()));
        } catch (JacksonException e) {
            // The node's declaration is broken, not the call: leave the input out and let the function decide.
            log.warn(
                    "default of input '{}' of '{}' is not JSON ({}): left to the function",
                    param.getName(),
                    function,
                    param.getDefaultValue());
        }
    }

    private static BadArgumentsException unknown(FunctionSpec spec, Map<String, FunctionParam> inputs, String name) {
        List<String> close = Suggestions.closest(name, inputs.keySet(), 1);
        String hint = close.isEmpty() ? "" : " (did you mean '" + close.get(0) + "'?)";
        String takes = inputs.isEmpty()
                ? "it takes no inputs"
                : "it takes " + inputs.values().stream().map(Signatures::param).collect(Collectors.joining(", "));
        return new BadArgumentsException(
                spec.getName(), name, "'" + spec.getName() + "' has no input '" + name + "'" + hint + "; " + takes);
    }

    private static BadArgumentsException missing(FunctionSpec spec, FunctionParam param, Set<String> tableNames) {
        String name = param.getName();
        String how = param.getType() == ParamType.DATAFRAME
                ? "a dataframe, sent as a table: \"tables\": {\"" + name
                        + "\": {\"format\": \"csv\", \"content\": \"...\"}}"
                        + (tableNames.isEmpty()
                                ? ""
                                : " (the call's tables are named " + new TreeSet<>(tableNames) + ")")
                : expected(param.getType()) + " in \"args\"";
        return new BadArgumentsException(
                spec.getName(),
                name,
                "argument '" + name + "' of '" + spec.getName() + "' is required: " + how + "; the signature is "
                        + Signatures.of(spec));
    }

    private static String expected(ParamType type) {
        return switch (type) {
            case INT -> "an int (a whole number such as 3)";
            case DOUBLE -> "a double (a number such as 2.5)";
            case STRING -> "a string (such as \"text\")";
            case BOOL -> "a bool (true or false)";
            case JSON -> "any JSON value";
            case DATAFRAME -> "a dataframe";
        };
    }

    private static String typeOf(JsonNode value) {
        if (value.isIntegralNumber()) {
            return "int";
        }
        if (value.isNumber()) {
            return "double";
        }
        return value.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
