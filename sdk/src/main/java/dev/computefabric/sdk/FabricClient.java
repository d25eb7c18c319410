package dev.computefabric.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.computefabric.schemas.IdempotencyKeys;
import dev.computefabric.schemas.StrictJson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The fabric over HTTP: submit a call to a gateway, wait for it, read its outputs. Any gateway answers for
 * any call. Thread-safe; one instance per gateway URL is enough.
 *
 * <pre>{@code
 * FabricClient fabric = FabricClient.connect(URI.create("http://127.0.0.1:8080"));
 * CallResult result = fabric.submit(CallRequest.of("echo").withArgs("{\"x\":1}").waitingUpTo(Duration.ofSeconds(30)));
 * // typed: arguments from a record, the output into one
 * Total total = fabric.call("sum", new Numbers(List.of(1, 2)), Total.class);
 * }</pre>
 */
public final class FabricClient {

    public static final String CALLS_PATH = "/v1/calls";
    public static final String FUNCTIONS_PATH = "/v1/functions";
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** How long {@link #call(String, Object, Class)} waits for the result. */
    public static final Duration DEFAULT_CALL_WAIT = Duration.ofSeconds(60);
    /** How long {@link #submit} keeps sending a call again after a broken connection, a 503 or a 429. */
    public static final Duration SUBMIT_RETRY_FOR = Duration.ofSeconds(30);

    static final Duration FIRST_RETRY_PAUSE = Duration.ofMillis(200);
    static final Duration MAX_RETRY_PAUSE = Duration.ofSeconds(5);
    /** Added to a requested wait for the HTTP timeout: the gateway answers when the wait passes. */
    static final Duration RESPONSE_MARGIN = Duration.ofSeconds(30);

    private static final ObjectMapper JSON = StrictJson.MAPPER;

    private final URI gateway;
    private final HttpClient http;
    private final List<String> requirements;

    private FabricClient(URI gateway, HttpClient http, List<String> requirements) {
        this.gateway = gateway;
        this.http = http;
        this.requirements = requirements;
    }

    public static FabricClient connect(URI gateway) {
        return new FabricClient(
                gateway,
                HttpClient.newBuilder().connectTimeout(DEFAULT_CONNECT_TIMEOUT).build(),
                List.of());
    }

    /**
     * A client whose every call also requires {@code tags}, besides those of the request: its calls run only on
     * nodes that have them (the test kit gives each test a tag of its own this way). Shares this client's connections.
     */
    public FabricClient requiring(String... tags) {
        return new FabricClient(gateway, http, Requirements.union(requirements, List.of(tags)));
    }

    /** The tags every call of this client requires besides its own; empty unless made by {@link #requiring}. */
    public List<String> requirements() {
        return requirements;
    }

    /**
     * Submits {@code request}. Returns once the fabric accepted the call (state {@code ACCEPTED}) or, with a
     * wait, once it ended or the wait passed; {@link CallResult#isTerminal()} tells which.
     *
     * <p>Safe to retry, and retried: the call goes with an {@code Idempotency-Key} of its own, so when the gateway
     * cannot be reached, the connection breaks or the answer is a 503 or 429, the same call is sent again (for up
     * to {@link #SUBMIT_RETRY_FOR}) and the fabric runs it once however many times it arrived.
     */
    public CallResult submit(CallRequest request) {
        ObjectNode body = JSON.createObjectNode().put("function", request.function());
        body.set("args", parse(request.argsJson()));
        body.set("requirements", JSON.valueToTree(Requirements.union(requirements, request.requirements())));
        ObjectNode tables = body.putObject("tables");
        for (Map.Entry<String, CallRequest.TableInput> table : request.tables().entrySet()) {
            tables.putObject(table.getKey())
                    .put("format", table.getValue().format())
                    .put("content", table.getValue().content());
        }
        request.waitFor().ifPresent(wait -> body.put("wait", wait.toMillis() + "ms"));
        HttpRequest post = HttpRequest.newBuilder(gateway.resolve(CALLS_PATH))
                .timeout(request.waitFor().orElse(Duration.ZERO).plus(RESPONSE_MARGIN))
                .header("Content-Type", "application/json")
                .header(IdempotencyKeys.HEADER, UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        return CallResult.from(parse(answerRetrying(post).body()));
    }

    /** {@link #answer} again, after a pause that doubles, while the failure is one a retry can cure. */
    private HttpResponse<String> answerRetrying(HttpRequest request) {
        long giveUpAt = System.nanoTime() + SUBMIT_RETRY_FOR.toNanos();
        Duration pause = FIRST_RETRY_PAUSE;
        while (true) {
            try {
                return answer(request);
            } catch (FabricException e) {
                if (!e.isRetryable() || e.status() == 500 || System.nanoTime() + pause.toNanos() > giveUpAt) {
                    throw e;
                }
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FabricException(0, "interrupted while retrying " + request.uri(), e);
            }
            pause = pause.multipliedBy(2).compareTo(MAX_RETRY_PAUSE) > 0 ? MAX_RETRY_PAUSE : pause.multipliedBy(2);
        }
    }

    /**
     * Calls {@code function} with {@code args} and returns its output as a {@code resultType}, waiting up to
     * {@link #DEFAULT_CALL_WAIT}. See {@link #call(String, Object, Class, Duration)}.
     */
    public <T> T call(String function, Object args, Class<T> resultType) {
        return call(function, args, resultType, DEFAULT_CALL_WAIT);
    }

    /**
     * Calls {@code function} with {@code args} (a record, a map, or anything Jackson writes as a JSON object; null
     * for none) and returns its output read as a {@code resultType} (a record, a {@code JsonNode}, a {@code String},
     * ...), waiting up to {@code wait} for it.
     *
     * @throws FabricException     the gateway refused the call (unknown function, arguments that do not fit its
     *                             signature: the status and the gateway's reason say which), or could not be reached
     * @throws CallFailedException the call failed, was cancelled, timed out, or had not ended within {@code wait}
     */
    public <T> T call(String function, Object args, Class<T> resultType, Duration wait) {
        JsonNode argsJson = TypedJson.args(args);
        long deadline = System.nanoTime() + wait.toNanos();
        CallResult result =
                submit(CallRequest.of(function).withArgs(argsJson.toString()).waitingUpTo(wait));
        // The gateway caps a wait at its fabric.max-wait: ask again until ours has passed.
        while (!result.isTerminal() && System.nanoTime() < deadline) {
            result = get(result.callId(), Duration.ofNanos(deadline - System.nanoTime()));
        }
        if (!result.isFinished()) {
            String type =
                    result.error() == null ? null : result.error().path("type").asText(null);
            String reason = result.error() == null
                    ? ""
                    : ": " + type + ": " + result.error().path("message").asText("");
            throw new CallFailedException(
                    result.callId(),
                    result.state(),
                    type,
                    "call " + result.callId() + " of '" + function + "' "
                            + (result.isTerminal()
                                    ? "ended " + result.state()
                                    : "was still " + result.state() + " after " + wait)
                            + reason);
        }
        try {
            return TypedJson.read(result.output(), resultType);
        } catch (IOException e) {
            throw new CallFailedException(
                    result.callId(),
                    result.state(),
                    null,
                    "the output of call " + result.callId() + " of '" + function + "' does not read as a "
                            + resultType.getName() + ": " + e.getMessage());
        }
    }

    /** The call's current state; with a positive {@code wait}, held until it ends or the wait passes. */
    public CallResult get(String callId, Duration wait) {
        String query = wait.isZero() ? "" : "?wait=" + wait.toMillis() + "ms";
        HttpRequest get = HttpRequest.newBuilder(
                        gateway.resolve(CALLS_PATH + "/" + URLEncoder.encode(callId, StandardCharsets.UTF_8) + query))
                .timeout(wait.plus(RESPONSE_MARGIN))
                .GET()
                .build();
        return send(get);
    }

    /**
     * Every function the fabric's nodes offer ({@code GET /v1/functions}): {@code {"functions": [{"name",
     * "signature", "inputs", "outputs", "capabilities", "available", "freeSlots", "nodes"}, ...]}}.
     */
    public JsonNode functions() {
        return getJson(FUNCTIONS_PATH);
    }

    /** One function as the catalog shows it; a {@link FabricException} with status 404 if no node offers it. */
    public JsonNode function(String name) {
        return getJson(FUNCTIONS_PATH + "/" + URLEncoder.encode(name, StandardCharsets.UTF_8));
    }

    private JsonNode getJson(String path) {
        HttpRequest get = HttpRequest.newBuilder(gateway.resolve(path))
                .timeout(RESPONSE_MARGIN)
                .GET()
                .build();
        return parse(answer(get).body());
    }

    /** The output tables of a call, by name, as {@code GET /v1/calls/{id}} lists them. */
    public JsonNode outputs(String callId) {
        return get(callId, Duration.ZERO).tables();
    }

    private CallResult send(HttpRequest request) {
        return CallResult.from(parse(answer(request).body()));
    }

    private HttpResponse<String> answer(HttpRequest request) {
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new FabricException(0, "no answer from the gateway at " + gateway + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FabricException(0, "interrupted while waiting for " + request.uri(), e);
        }
        if (response.statusCode() != 200 && response.statusCode() != 202) {
            throw new FabricException(
                    response.statusCode(),
                    request.method() + " " + request.uri() + " answered " + response.statusCode() + ": "
                            + response.body(),
                    null);
        }
        return response;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
    }
}
