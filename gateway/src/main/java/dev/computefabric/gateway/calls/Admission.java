package dev.computefabric.gateway.calls;

import java.util.List;
import java.util.Objects;

/**
 * A submission the catalog let through: with its defaults filled in and its capabilities completed by its
 * function's, and the warnings its answer carries.
 */
public record Admission(CallSubmission submission, List<String> warnings) {

    public Admission {
        Objects.requireNonNull(submission, "submission");
        warnings = List.copyOf(warnings);
    }

    /** Let through as it is, nothing to say. */
    public static Admission unchanged(CallSubmission submission) {
        return new Admission(submission, List.of());
    }
}
