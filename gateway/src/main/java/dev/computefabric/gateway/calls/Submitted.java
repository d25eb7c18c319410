package dev.computefabric.gateway.calls;

import java.util.List;
import java.util.Objects;

/**
 * The answer to a submission: the call as it stands (accepted, or ended within the wait), and what the caller
 * should know about it, e.g. that no live node offers its function now so it waits in its topic.
 */
public record Submitted(CallSnapshot call, List<String> warnings) {

    public Submitted {
        Objects.requireNonNull(call, "call");
        warnings = List.copyOf(warnings);
    }
}
