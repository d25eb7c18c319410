package dev.computefabric.gateway.calls;

import dev.computefabric.avro.Priority;
import dev.computefabric.avro.TableFormat;
import dev.computefabric.gateway.calls.CallSubmission.TableInput;
import dev.computefabric.schemas.Capset;
import dev.computefabric.schemas.IdempotencyKeys;
import dev.computefabric.schemas.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a {@code POST /v1/calls} body into a {@link CallSubmission}, or says precisely what to fix.
 * Unknown fields are refused rather than ignored: a misspelt {@code "requirement"} would otherwise send
 * the call to the wrong executors without a word.
 */
public final class CallRequestParser {

    public static final int MAX_FUNCTION_NAME_LENGTH = 200;
    public static final int MAX_TABLE_NAME_LENGTH = 200;
    public static final int MAX_SLOTS = 1024;
    /** Default bound of a request body: tables arrive inline in the JSON, and parsing holds ~3x the body in memory. */
    public static final int DEFAULT_MAX_BODY_BYTES = 32 * 1024 * 1024;

    static final Set<String> FIELDS =
            Set.of("function", "args", "requirements", "tables", "timeoutMs", "slots", "wait", "cache", "priority");
    static final Set<String> CACHE_FIELDS = Set.of("ttl");
    /** Longest TTL a call may ask for; the router keeps results at most as long as call statuses anyway. */
    public static final Duration MAX_CACHE_TTL = Duration.ofHours(24);

    static final Set<String> TABLE_FIELDS = Set.of("format", "content", "sha256");

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final Duration maxWait;
    private final int maxBodyBytes;

    public CallRequestParser(Duration maxWait, int maxBodyBytes) {
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxBodyBytes must be >= 1, got " + maxBodyBytes);
        }
        this.maxWait = maxWait;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** Reads at most the body limit from {@code body}, then parses it; a larger body is refused unread. */
    public CallSubmission read(InputStream body) throws IOException {
        return parse(boundedBody(body));
    }

    /** At most the body limit of {@code body}; a larger body is refused unread. */
    public byte[] boundedBody(InputStream body) throws IOException {
        byte[] bytes = body.readNBytes(maxBodyBytes + 1);
        if (bytes.length > maxBodyBytes) {
            throw new CallTooLargeException(
                    "the request body is larger than " + maxBodyBytes + " bytes; send smaller"
                            + " tables (or ask the operator to raise fabric.max-request-bytes)",
                    null);
        }
        return bytes;
    }

    public CallSubmission parse(byte[] body) {
        JsonNode root = readJson(body);
        if (!root.isObject()) {
            throw invalid(
                    "the request body must be a JSON object such as {\"function\": \"echo\"}, got " + typeOf(root));
        }
        refuseUnknown(root, FIELDS, "");
        Optional<RequestedWait> wait = waitOf(root.get("wait"));
        return new CallSubmission(
                function(root.get("function")),
                args(root.get("args")),
                capset(root.get("requirements")),
                tables(root.get("tables")),
                timeoutMs(root.get("timeoutMs")),
                slots(root.get("slots")),
                wait.map(RequestedWait::duration),
                caching(root.get("cache")),
                wait.map(RequestedWait::capped).orElse(false),
                null,
                null,
                priority(root.get("priority")));
    }

    /**
     * The {@code wait} query parameter of {@code GET} and {@code DELETE /v1/calls/{id}}; empty when absent, blank
     * or zero. Above the maximum it is the maximum, {@link RequestedWait#capped() capped}.
     */
    /**
     * The {@code Idempotency-Key} header's value, checked; null when the request has none.
     *
     * @throws InvalidRequestException the value cannot be a key
     */
    public String idempotencyKey(String header) {
        if (header == null) {
            return null;
        }
        String problem = IdempotencyKeys.problem(header);
        if (problem != null) {
            throw new InvalidRequestException(problem + "; send a key of your own per call, e.g. a UUID");
        }
        return header;
    }

    public Optional<RequestedWait> waitParameter(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        return nonZero(WaitDuration.parse(text, maxWait));
    }

    // The readers below are public for PipelineRequestParser: a pipeline's tables, priority, timeout, wait and each
    // step's function, args and requirements read and fail exactly as a call's do.

    public static JsonNode readJson(byte[] body) {
        if (body == null || body.length == 0) {
            throw invalid(
                    "the request body is empty; send a JSON object such as {\"function\": \"echo\", \"args\": {}}");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new MalformedJsonException(JsonSyntax.describe(e), e);
        }
        if (root == null || root.isMissingNode()) {
            throw invalid("the request body holds no JSON value; send a JSON object such as {\"function\": \"echo\"}");
        }
        return root;
    }

    public static String function(JsonNode node) {
        if (absent(node) || (node.isString() && node.stringValue().isBlank())) {
            throw invalid("function is required: the name of the function to run, e.g. \"function\": \"echo\"");
        }
        if (!node.isString()) {
            throw invalid("function must be a string such as \"echo\", got " + typeOf(node));
        }
        String name = node.stringValue().trim();
        if (name.length() > MAX_FUNCTION_NAME_LENGTH) {
            throw invalid("function name is " + name.length() + " characters long; at most " + MAX_FUNCTION_NAME_LENGTH
                    + " are allowed");
        }
        if (name.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw invalid("function name must not contain whitespace or control characters, got \"" + name + "\"");
        }
        return name;
    }

    public static String args(JsonNode node) {
        if (absent(node)) {
            return CallSubmission.DEFAULT_ARGS;
        }
        if (!node.isObject()) {
            throw invalid("args must be a JSON object such as {\"text\": \"hi\"}, got " + typeOf(node)
                    + "; wrap a single value, e.g. {\"value\": " + node + "}");
        }
        return JSON.writeValueAsString(node);
    }

    public static Priority priority(JsonNode node) {
        if (absent(node)) {
            return Priority.NORMAL;
        }
        String levels = PriorityNames.levels("\"");
        if (!node.isString()) {
            throw invalid("priority must be one of " + levels + ", got " + typeOf(node));
        }
        String text = node.stringValue().trim();
        return PriorityNames.parse(text)
                .orElseThrow(() ->
                        invalid("priority must be one of " + levels + " (default \"normal\"), got \"" + text + "\""));
    }

    public static Capset capset(JsonNode node) {
        if (absent(node)) {
            return Capset.of();
        }
        if (!node.isArray()) {
            throw invalid("requirements must be an array of capability tags such as [\"python\"], got " + typeOf(node));
        }
        List<String> tags = new ArrayList<>();
        for (JsonNode tag : node.values()) {
            if (!tag.isString()) {
                throw invalid(
                        "requirements must hold strings (capability tags such as \"python\"), got " + typeOf(tag));
            }
            tags.add(CapabilityTags.check(tag.stringValue()));
        }
        return Capset.of(tags);
    }

    public static Map<String, TableInput> tables(JsonNode node) {
        if (absent(node)) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw invalid(
                    "tables must be an object of named tables such as {\"input\": {\"format\": \"csv\", \"content\": \"a,b\\n1,2\\n\"}}, got "
                            + typeOf(node));
        }
        Map<String, TableInput> tables = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            tables.put(tableName(entry.getKey()), table(entry.getKey(), entry.getValue()));
        }
        return tables;
    }

    private static String tableName(String name) {
        if (name.isBlank() || name.length() > MAX_TABLE_NAME_LENGTH) {
            throw invalid("table names must be 1 to " + MAX_TABLE_NAME_LENGTH + " non-blank characters, got \"" + name
                    + "\"");
        }
        return name;
    }

    private static TableInput table(String name, JsonNode node) {
        String where = "tables." + name;
        if (!node.isObject()) {
            throw invalid(
                    where + " must be an object such as {\"format\": \"csv\", \"content\": \"a,b\\n1,2\\n\"}, got "
                            + typeOf(node));
        }
        refuseUnknown(node, TABLE_FIELDS, where + ".");
        JsonNode content = node.get("content");
        JsonNode sha256 = node.get("sha256");
        if (!absent(sha256)) {
            if (!absent(content)) {
                throw invalid(
                        where
                                + " has both content and sha256; send the table inline (content) or name an uploaded one (sha256)");
            }
            String hex = sha256.isString() ? Sha256.normalize(sha256.stringValue()) : null;
            if (hex == null) {
                throw invalid(
                        where + ".sha256 must be the SHA-256 of an uploaded table as 64 hex digits (POST /v1/tables"
                                + " answers it), got " + sha256);
            }
            return TableInput.stored(format(where, node.get("format")), hex);
        }
        if (absent(content) || !content.isString()) {
            throw invalid(where + ".content is required: the table as text (CSV or JSON lines), or sha256 naming an"
                    + " uploaded table" + (absent(content) ? "" : ", got " + typeOf(content)));
        }
        return new TableInput(
                format(where, node.get("format")), content.stringValue().getBytes(StandardCharsets.UTF_8));
    }

    private static TableFormat format(String where, JsonNode node) {
        String known = Arrays.stream(TableFormat.values())
                .map(f -> "\"" + f.name().toLowerCase(Locale.ROOT) + "\"")
                .collect(Collectors.joining(" or "));
        if (absent(node)) {
            throw invalid(where + ".format is required: " + known);
        }
        if (node.isString()) {
            for (TableFormat format : TableFormat.values()) {
                if (format.name().equalsIgnoreCase(node.stringValue().trim())) {
                    return format;
                }
            }
        }
        throw invalid(where + ".format must be " + known + ", got " + node);
    }

    public static Long timeoutMs(JsonNode node) {
        if (absent(node)) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() <= 0) {
            throw invalid("timeoutMs must be a positive whole number of milliseconds, got " + node);
        }
        return node.longValue();
    }

    private static int slots(JsonNode node) {
        if (absent(node)) {
            return CallSubmission.DEFAULT_SLOTS;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1 || node.intValue() > MAX_SLOTS) {
            throw invalid("slots must be a whole number from 1 to " + MAX_SLOTS + ", got " + node);
        }
        return node.intValue();
    }

    public Optional<RequestedWait> waitOf(JsonNode node) {
        if (absent(node)) {
            return Optional.empty();
        }
        if (finiteNumber(node)) {
            return nonZero(WaitDuration.ofSeconds(node.decimalValue(), maxWait));
        }
        if (node.isString()) {
            return nonZero(WaitDuration.parse(node.stringValue(), maxWait));
        }
        throw invalid("wait must be " + WaitDuration.FORMS + "; got " + typeOf(node) + " " + node);
    }

    /** A call's (or a pipeline step's) {@code cache}: absent, {@code true}, {@code false} or {@code {"ttl": ...}}. */
    public static Caching caching(JsonNode node) {
        if (absent(node)) {
            return Caching.POLICY;
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? Caching.on(null) : Caching.OFF;
        }
        String expected = "cache must be true, false or {\"ttl\": \"10m\"}";
        if (!node.isObject()) {
            throw invalid(expected + ", got " + typeOf(node));
        }
        refuseUnknown(node, CACHE_FIELDS, "cache.");
        JsonNode ttl = node.get("ttl");
        if (absent(ttl)) {
            return Caching.on(null);
        }
        Duration parsed;
        try {
            parsed = finiteNumber(ttl)
                    ? WaitDuration.ofSeconds(ttl.decimalValue(), MAX_CACHE_TTL).duration()
                    : ttl.isString()
                            ? WaitDuration.parse(ttl.stringValue(), MAX_CACHE_TTL)
                                    .duration()
                            : null;
        } catch (InvalidRequestException e) {
            parsed = null;
        }
        if (parsed == null || parsed.isZero()) {
            throw invalid("cache.ttl must be a positive duration such as \"10m\", \"30s\" or a number of seconds"
                    + " (at most " + MAX_CACHE_TTL.toHours() + "h), got " + ttl);
        }
        return Caching.on(parsed);
    }

    /** A number that has a decimal value: 1e400 reads as an infinite double, which has none (found by fuzzing: a 500). */
    private static boolean finiteNumber(JsonNode node) {
        return node.isNumber() && (!node.isFloatingPointNumber() || Double.isFinite(node.doubleValue()));
    }

    private static Optional<RequestedWait> nonZero(RequestedWait wait) {
        return wait.duration().isZero() ? Optional.empty() : Optional.of(wait);
    }

    public static void refuseUnknown(JsonNode object, Set<String> known, String prefix) {
        for (String name : object.propertyNames()) {
            if (!known.contains(name)) {
                throw invalid("unknown field \"" + prefix + name + "\"; known fields are "
                        + known.stream().sorted().map(f -> prefix + f).collect(Collectors.joining(", ")));
            }
        }
    }

    public static boolean absent(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode();
    }

    public static String typeOf(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static InvalidRequestException invalid(String message) {
        return new InvalidRequestException(message);
    }
}
