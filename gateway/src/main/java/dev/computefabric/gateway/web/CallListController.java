package dev.computefabric.gateway.web;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.computefabric.gateway.calls.SecondLook;
import dev.computefabric.gateway.console.CallIndex;
import dev.computefabric.gateway.console.CallQuery;
import dev.computefabric.gateway.console.Throughput;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The call list every gateway keeps from {@code fabric.status}: {@code GET /v1/calls} (filters, cursor, newest
 * first), {@code GET /v1/calls/{id}/details} (caller, arguments, timeline) and {@code GET /v1/calls/throughput}.
 *
 * <p>The {@code caller} filter is the seam for access control: once callers are authenticated, a non-admin's
 * requests get it set to their own principal here, and the change stream the same.
 */
@RestController
@RequestMapping(CallsController.PATH)
public class CallListController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CallIndex index;
    private final SecondLook secondLook;
    private final Throughput throughput;

    public CallListController(CallIndex index, SecondLook secondLook, Throughput throughput) {
        this.index = index;
        this.secondLook = secondLook;
        this.throughput = throughput;
    }

    /** A page of calls. */
    @JsonPropertyOrder({"calls", "next", "total", "asOf"})
    public record PageView(List<CallRowView> calls, String next, int total, long asOf) {}

    /** One step of a call's timeline. */
    @JsonPropertyOrder({"state", "at", "node", "attempt"})
    public record StepView(String state, String at, String node, int attempt) {}

    /** What the console's call detail shows beyond {@code GET /v1/calls/{id}}. */
    @JsonPropertyOrder({"callId", "caller", "gateway", "capset", "args", "argsKept", "call", "timeline"})
    public record DetailsView(
            String callId,
            String caller,
            String gateway,
            String capset,
            JsonNode args,
            boolean argsKept,
            CallRowView call,
            List<StepView> timeline) {}

    /** The throughput chart's data. */
    @JsonPropertyOrder({"start", "stepSeconds", "ended", "queued"})
    public record ThroughputView(String start, int stepSeconds, Map<String, int[]> ended, Map<String, int[]> queued) {}

    @GetMapping
    public PageView list(
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String function,
            @RequestParam(required = false) String node,
            @RequestParam(required = false) String caller,
            @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        CallIndex.Page page = index.page(CallQuery.parse(state, function, node, caller, cursor, limit));
        return new PageView(page.rows().stream().map(CallRowView::of).toList(), page.next(), page.total(), page.asOf());
    }

    @GetMapping("/{callId}/details")
    public DetailsView details(@PathVariable String callId) {
        CallIndex.Details details = secondLook.requireNow(callId, index::details);
        var row = details.row();
        List<StepView> steps = details.timeline().stream()
                .map(step -> new StepView(step.state().name(), step.at().toString(), step.executorId(), step.attempt()))
                .toList();
        return new DetailsView(
                row.callId(),
                row.caller(),
                row.gateway(),
                row.capset(),
                args(details.args()),
                details.args() != null,
                CallRowView.of(row),
                steps);
    }

    @GetMapping("/throughput")
    public ThroughputView throughput() {
        Throughput.Series series = throughput.series();
        return new ThroughputView(series.start().toString(), series.stepSeconds(), series.ended(), series.queued());
    }

    private static JsonNode args(String args) {
        if (args == null) {
            return null;
        }
        try {
            return JSON.readTree(args);
        } catch (JacksonException e) {
            return JsonNodeFactory.instance.stringNode(args);
        }
    }
}
