package dev.computefabric.router.errors;

import dev.computefabric.schemas.serde.SchemaRegistryUnavailableException;

/**
 * The one place the router's error handlers ask whether a failure will pass (process the record again) or is
 * about the record itself (dead-letter it and go on).
 */
final class TransientFailures {

    private TransientFailures() {}

    /**
     * True when the schema registry could not answer (unreachable, timed out, 5xx). Such a record is
     * valid and must be processed again later, never skipped; an unknown schema id is an answer, and
     * makes the record poison.
     */
    static boolean isRegistryUnreachable(Throwable exception) {
        return SchemaRegistryUnavailableException.isCauseOf(exception);
    }
}
