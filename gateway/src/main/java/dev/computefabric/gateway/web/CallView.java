package dev.computefabric.gateway.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A call as {@code POST /v1/calls} and {@code GET /v1/calls/{id}} show it. The shape is the same in every
 * state; fields that do not apply yet are null ({@code output}, {@code error}, {@code finishedAt}).
 *
 * @param output the function's result as JSON (not a string holding JSON)
 * @param tables output tables by name: {@link InlineTable} or {@link StoredTable}
 * @param progress only while the call runs and its function reported progress
 * @param cachedFrom only when the call did not run: the call whose run produced this result (result cache)
 * @param warnings only in the answer to a submission, and only when there is something to say, e.g. that no
 *     live node offers the function now and the call waits in its topic
 * @param traceId the W3C trace id of the call's trace (the {@code traceparent} it was sent with, or one the gateway
 *     started), to find the call in a tracing backend and in every component's logs
 */
@JsonPropertyOrder({
    "callId",
    "function",
    "state",
    "progress",
    "output",
    "error",
    "executorId",
    "submittedAt",
    "finishedAt",
    "tables",
    "cachedFrom",
    "warnings",
    "traceId"
})
public record CallView(
        String callId,
        String function,
        String state,
        @JsonInclude(JsonInclude.Include.NON_NULL) ProgressView progress,
        JsonNode output,
        ErrorView error,
        String executorId,
        String submittedAt,
        String finishedAt,
        Map<String, Object> tables,
        @JsonInclude(JsonInclude.Include.NON_NULL) String cachedFrom,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> warnings,
        @JsonInclude(JsonInclude.Include.NON_NULL) String traceId) {

    public CallView {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** This view with what the caller should know about its submission. */
    public CallView withWarnings(List<String> warnings) {
        return new CallView(
                callId,
                function,
                state,
                progress,
                output,
                error,
                executorId,
                submittedAt,
                finishedAt,
                tables,
                cachedFrom,
                warnings,
                traceId);
    }

    /** How far a running call got, as its function reported it. */
    @JsonPropertyOrder({"fraction", "message"})
    public record ProgressView(double fraction, String message) {}

    /** Why a call did not finish. */
    @JsonPropertyOrder({"type", "message"})
    public record ErrorView(String type, String message) {}

    /** A small table, carried inside the result: its text. */
    @JsonPropertyOrder({"format", "sizeBytes", "content"})
    public record InlineTable(String format, long sizeBytes, String content) {}

    /**
     * A large table, kept in storage: how to verify it, where to download it ({@code href}, relative to the
     * gateway: {@code GET /v1/calls/{id}/outputs/{name}}) and its storage address.
     */
    @JsonPropertyOrder({"format", "sizeBytes", "sha256", "href", "uri"})
    public record StoredTable(String format, long sizeBytes, String sha256, String href, String uri) {}
}
