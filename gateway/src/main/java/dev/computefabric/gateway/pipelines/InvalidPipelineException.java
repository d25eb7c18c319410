package dev.computefabric.gateway.pipelines;

import dev.computefabric.gateway.calls.InvalidRequestException;
import java.util.List;

/** A pipeline that cannot run as written: every problem the checks found, each saying what to fix. */
public final class InvalidPipelineException extends InvalidRequestException {

    public static final String CODE = "invalid_pipeline";

    private final List<String> problems;

    public InvalidPipelineException(List<String> problems) {
        super(CODE, "the pipeline cannot run: " + String.join("; ", problems), null);
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
