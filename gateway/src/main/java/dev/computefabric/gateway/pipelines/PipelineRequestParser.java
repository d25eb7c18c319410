package dev.computefabric.gateway.pipelines;

import static dev.computefabric.gateway.calls.CallRequestParser.absent;
import static dev.computefabric.gateway.calls.CallRequestParser.refuseUnknown;
import static dev.computefabric.gateway.calls.CallRequestParser.typeOf;

import dev.computefabric.avro.PipelineMap;
import dev.computefabric.avro.PipelineStep;
import dev.computefabric.gateway.calls.Caching;
import dev.computefabric.gateway.calls.CallRequestParser;
import dev.computefabric.gateway.calls.InvalidRequestException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads a {@code POST /v1/pipelines} body into a {@link PipelineSubmission}, or says precisely what to fix. Tables,
 * priority, timeout, wait and each step's function, args and requirements are read by {@link CallRequestParser}, so
 * they take and refuse exactly what a call's do, {@code cache} included (under the gateway's cache policy, as a call's).
 * Unknown fields are refused, in the pipeline and in every step.
 * What makes the steps fit together (names, references, cycles) is checked after, by the shared pipeline checks.
 */
public final class PipelineRequestParser {

    public static final int MAX_NAME_LENGTH = 200;

    static final Set<String> FIELDS = Set.of("name", "priority", "timeoutMs", "tables", "steps", "onFailure", "wait");
    static final Set<String> STEP_FIELDS =
            Set.of("name", "function", "args", "tables", "requirements", "after", "map", "sameNode", "cache");
    static final Set<String> MAP_FIELDS = Set.of("table", "chunks");

    private static final String EXAMPLE = "{\"steps\": [{\"name\": \"load\", \"function\": \"table.generate\"}]}";

    private final CallRequestParser calls;
    private final Caching.Policy cachePolicy;

    /**
     * @param calls       the call parser, for the body limit, the maximum wait and the fields calls and pipelines share
     * @param cachePolicy the gateway's, for the steps that do not say whether they are cached
     */
    public PipelineRequestParser(CallRequestParser calls, Caching.Policy cachePolicy) {
        this.calls = calls;
        this.cachePolicy = cachePolicy;
    }

    /** Reads at most the body limit from {@code body}, then parses it. */
    public PipelineSubmission read(InputStream body) throws IOException {
        return parse(calls.boundedBody(body));
    }

    public PipelineSubmission parse(byte[] body) {
        JsonNode root = CallRequestParser.readJson(body);
        if (!root.isObject()) {
            throw invalid("the request body must be a JSON object such as " + EXAMPLE + ", got " + typeOf(root));
        }
        refuseUnknown(root, FIELDS, "");
        JsonNode onFailure = root.get("onFailure");
        return new PipelineSubmission(
                name(root.get("name")),
                CallRequestParser.priority(root.get("priority")),
                CallRequestParser.timeoutMs(root.get("timeoutMs")),
                CallRequestParser.tables(root.get("tables")),
                steps(root.get("steps")),
                absent(onFailure) ? null : step(onFailure, "onFailure"),
                calls.waitOf(root.get("wait")),
                null,
                null);
    }

    private static String name(JsonNode node) {
        if (absent(node)) {
            return null;
        }
        if (!node.isString()
                || node.stringValue().isBlank()
                || node.stringValue().length() > MAX_NAME_LENGTH) {
            throw invalid(
                    "name must be a label of 1 to " + MAX_NAME_LENGTH + " characters such as \"report\", got " + node);
        }
        return node.stringValue().strip();
    }

    private List<PipelineStep> steps(JsonNode node) {
        if (absent(node)) {
            throw invalid("steps is required: the functions to run, e.g. " + EXAMPLE);
        }
        if (!node.isArray()) {
            throw invalid("steps must be an array of steps such as " + EXAMPLE + ", got " + typeOf(node));
        }
        List<PipelineStep> steps = new ArrayList<>();
        int index = 0;
        for (JsonNode step : node.values()) {
            steps.add(step(step, "steps[" + index++ + "]"));
        }
        return steps;
    }

    /** One step; every problem is reported prefixed with where it is: its name, else its position. */
    private PipelineStep step(JsonNode node, String position) {
        if (!node.isObject()) {
            throw invalid(position + " must be an object such as {\"name\": \"load\", \"function\": \"echo\"}, got "
                    + typeOf(node));
        }
        JsonNode name = node.get("name");
        String where = name != null && name.isString() ? position + " ('" + name.stringValue() + "')" : position;
        try {
            refuseUnknown(node, STEP_FIELDS, "");
            PipelineStep step = PipelineStep.newBuilder()
                    .setName(stepName(name))
                    .setFunction(CallRequestParser.function(node.get("function")))
                    .setArgs(CallRequestParser.args(node.get("args")))
                    .setTables(stepTables(node.get("tables")))
                    .setRequirements(new ArrayList<>(
                            CallRequestParser.capset(node.get("requirements")).tags()))
                    .setAfter(after(node.get("after")))
                    .setMap(map(node.get("map")))
                    .setSameNode(sameNode(node.get("sameNode")))
                    .build();
            step.setCacheTtlMs(cacheTtlMs(node.get("cache"), step.getSameNode()));
            return step;
        } catch (InvalidRequestException e) {
            throw invalid(where + ": " + e.getMessage());
        }
    }

    private static String stepName(JsonNode node) {
        if (absent(node) || !node.isString()) {
            throw invalid("name is required: a name other steps refer to it by, such as \"load\""
                    + (absent(node) ? "" : ", got " + typeOf(node)));
        }
        return node.stringValue();
    }

    private static Map<String, String> stepTables(JsonNode node) {
        if (absent(node)) {
            return Map.of();
        }
        String expected = "tables must be an object of references such as {\"data\": \"${load.tables.data}\"} or"
                + " {\"data\": \"${tables.sales}\"}";
        if (!node.isObject()) {
            throw invalid(expected + ", got " + typeOf(node));
        }
        Map<String, String> tables = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!entry.getValue().isString()) {
                throw invalid(expected + "; tables." + entry.getKey() + " is " + typeOf(entry.getValue()));
            }
            tables.put(entry.getKey(), entry.getValue().stringValue());
        }
        return tables;
    }

    /** The step's answers kept in the result cache this long, or null when it always runs. */
    private Long cacheTtlMs(JsonNode cache, boolean sameNode) {
        Caching caching = CallRequestParser.caching(cache);
        if (caching.choice() == Caching.Choice.ON && sameNode) {
            throw invalid("cache and sameNode do not go together: a sameNode step runs on the node of the step it"
                    + " follows, right after it, never through the result cache; remove one of them");
        }
        return caching.ttlUnder(cachePolicy).map(Duration::toMillis).orElse(null);
    }

    private static boolean sameNode(JsonNode node) {
        if (absent(node)) {
            return false;
        }
        if (!node.isBoolean()) {
            throw invalid("sameNode must be true (run on the node that ran the one step this step waits for) or"
                    + " false, got " + typeOf(node));
        }
        return node.booleanValue();
    }

    private static List<String> after(JsonNode node) {
        if (absent(node)) {
            return List.of();
        }
        String expected = "after must be an array of step names such as [\"load\"]";
        if (!node.isArray()) {
            throw invalid(expected + ", got " + typeOf(node));
        }
        List<String> names = new ArrayList<>();
        for (JsonNode name : node.values()) {
            if (!name.isString()) {
                throw invalid(expected + ", got an element that is " + typeOf(name));
            }
            names.add(name.stringValue());
        }
        return names;
    }

    private static PipelineMap map(JsonNode node) {
        if (absent(node)) {
            return null;
        }
        String expected = "map must be an object such as {\"table\": \"data\", \"chunks\": 8}";
        if (!node.isObject()) {
            throw invalid(expected + ", got " + typeOf(node));
        }
        refuseUnknown(node, MAP_FIELDS, "map.");
        JsonNode table = node.get("table");
        if (absent(table) || !table.isString()) {
            throw invalid("map.table is required: the name of one of the step's tables to split, such as \"data\"");
        }
        JsonNode chunks = node.get("chunks");
        if (absent(chunks) || !chunks.isIntegralNumber() || !chunks.canConvertToInt()) {
            throw invalid("map.chunks is required: how many parts to split the table into, a whole number such as 8"
                    + (absent(chunks) ? "" : ", got " + chunks));
        }
        return PipelineMap.newBuilder()
                .setTable(table.stringValue())
                .setChunks(chunks.intValue())
                .build();
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException(message);
    }
}
