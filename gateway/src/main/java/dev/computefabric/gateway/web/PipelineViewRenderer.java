package dev.computefabric.gateway.web;

import dev.computefabric.avro.ErrorInfo;
import dev.computefabric.avro.PipelineStatus;
import dev.computefabric.avro.StepStatus;
import dev.computefabric.gateway.web.CallView.ErrorView;
import dev.computefabric.gateway.web.PipelineView.StepView;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Renders a {@link PipelineStatus} as the {@link PipelineView} clients see; outputs and tables as calls show them. */
public final class PipelineViewRenderer {

    public PipelineView render(PipelineStatus status) {
        return new PipelineView(
                status.getPipelineId(),
                status.getName(),
                status.getState().name(),
                status.getCaller(),
                text(status.getSubmittedAt()),
                text(status.getUpdatedAt()),
                text(status.getDeadlineAt()),
                error(status.getError()),
                status.getSteps().stream().map(PipelineViewRenderer::step).toList());
    }

    private static StepView step(StepStatus step) {
        List<String> callIds = List.copyOf(step.getCallIds());
        // A step's tables are its call's (a map step has none): their download links are that call's.
        String owner = callIds.size() == 1 ? callIds.get(0) : step.getName();
        return new StepView(
                step.getName(),
                step.getFunction(),
                step.getState().name(),
                callIds,
                step.getCallsEnded(),
                CallViewRenderer.output(owner, step.getOutput()),
                step.getTables().isEmpty() ? Map.of() : CallViewRenderer.tables(owner, step.getTables()),
                error(step.getError()),
                List.copyOf(step.getExecutorIds()),
                text(step.getStartedAt()),
                text(step.getEndedAt()));
    }

    private static ErrorView error(ErrorInfo error) {
        return error == null ? null : new ErrorView(error.getType(), error.getMessage());
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
