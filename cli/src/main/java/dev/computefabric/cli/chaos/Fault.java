package dev.computefabric.cli.chaos;

import java.time.Duration;
import java.time.Instant;

/**
 * One fault injected into the cluster and when it healed.
 *
 * @param kind       what was done
 * @param target     to which process
 * @param at         when
 * @param healed     when the fabric served again through the process hit (restarted, or thawed), null if never
 * @param callsRerun for a killed executor: how long until the last of its running calls ran again elsewhere, null
 *                   otherwise or when it had none
 */
record Fault(Kind kind, String target, Instant at, Instant healed, Duration callsRerun) {

    enum Kind {
        KILL_EXECUTOR("kill -9 executor"),
        KILL_GATEWAY("kill -9 gateway"),
        KILL_ROUTER("kill -9 router"),
        KILL_BROKER("kill -9 broker"),
        CUT_OFF_EXECUTOR("cut off executor");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    Duration healTime() {
        return healed == null ? null : Duration.between(at, healed);
    }

    Fault withCallsRerun(Duration value) {
        return new Fault(kind, target, at, healed, value);
    }
}
