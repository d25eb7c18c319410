package dev.computefabric.router;

import dev.computefabric.schemas.serde.SchemaRegistryUnavailableException;

/** The one place that tells a passing failure (retry the record) from one that is about the record itself. */
final class Failures {

    private Failures() {
    }

    /**
     * True when the schema registry could not answer (unreachable, timed out, 5xx). Such a record is
     * valid and must be processed again later, never skipped; an unknown schema id is an answer, and
     * makes the record poison.
     */
    static boolean isRegistryUnreachable(Throwable exception) {
        return SchemaRegistryUnavailableException.isCauseOf(exception);
    }
}
