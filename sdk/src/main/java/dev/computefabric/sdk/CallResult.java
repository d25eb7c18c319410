package dev.computefabric.sdk;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * A call as the gateway shows it ({@code POST /v1/calls}, {@code GET /v1/calls/{id}}).
 *
 * @param output the function's result as JSON; null until the call finished
 * @param error  {@code {"type":…,"message":…}} when it failed; else null
 * @param tables output tables by name: inline ({@code format, sizeBytes, content}) or stored
 *               ({@code format, sizeBytes, sha256, uri}); empty object when none
 */
public record CallResult(
        String callId,
        String function,
        String state,
        JsonNode output,
        JsonNode error,
        String executorId,
        JsonNode tables) {

    private static final Set<String> TERMINAL = Set.of("FINISHED", "FAILED", "CANCELLED", "TIMED_OUT");

    /** Whether the call ended (finished, failed, cancelled or timed out); else it is still under way. */
    public boolean isTerminal() {
        return TERMINAL.contains(state);
    }

    public boolean isFinished() {
        return "FINISHED".equals(state);
    }

    static CallResult from(JsonNode view) {
        return new CallResult(
                view.path("callId").asText(null),
                view.path("function").asText(null),
                view.path("state").asText(null),
                nullIfMissing(view.get("output")),
                nullIfMissing(view.get("error")),
                view.path("executorId").asText(null),
                view.path("tables"));
    }

    private static JsonNode nullIfMissing(JsonNode node) {
        return node == null || node.isNull() ? null : node;
    }
}
