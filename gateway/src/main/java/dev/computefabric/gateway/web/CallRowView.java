package dev.computefabric.gateway.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.computefabric.gateway.console.CallRow;
import java.time.Instant;

/**
 * A call as {@code GET /v1/calls} lists it and the change stream sends it: times as ISO-8601, {@code progress}
 * only while the call runs and reported some.
 *
 * @param node    the executor that runs or ran the call
 * @param gateway the gateway that accepted it
 * @param seq     orders changes: of two versions of a row, the one with the higher {@code seq} is newer
 */
@JsonPropertyOrder({
    "callId",
    "function",
    "state",
    "caller",
    "node",
    "capset",
    "gateway",
    "submittedAt",
    "startedAt",
    "endedAt",
    "updatedAt",
    "attempt",
    "progress",
    "errorType",
    "seq"
})
public record CallRowView(
        String callId,
        String function,
        String state,
        String caller,
        String node,
        String capset,
        String gateway,
        String submittedAt,
        String startedAt,
        String endedAt,
        String updatedAt,
        int attempt,
        @JsonInclude(JsonInclude.Include.NON_NULL) CallView.ProgressView progress,
        String errorType,
        long seq) {

    public static CallRowView of(CallRow row) {
        CallView.ProgressView progress =
                row.progress() == null ? null : new CallView.ProgressView(row.progress(), row.progressMessage());
        return new CallRowView(
                row.callId(),
                row.function(),
                row.state().name(),
                row.caller(),
                row.executorId(),
                row.capset(),
                row.gateway(),
                iso(row.submittedAt()),
                iso(row.startedAt()),
                iso(row.endedAt()),
                iso(row.updatedAt()),
                row.attempt(),
                progress,
                row.errorType(),
                row.seq());
    }

    static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
