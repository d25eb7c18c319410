package dev.computefabric.router.lifecycle;

import dev.computefabric.avro.CallStatus;
import dev.computefabric.avro.FuncResult;
import java.util.Objects;

/**
 * What the router does with one record, decided by {@link CallLifecycle} and carried out by
 * {@link LifecycleProcessor}.
 *
 * @param verdict      the kind of action
 * @param status       {@link Verdict#APPLY}: the new status, stored and published; {@link Verdict#REPEAT},
 *                     {@link Verdict#REMIND}: the terminal status to send again
 * @param reply        {@link Verdict#APPLY}, {@link Verdict#REPEAT}: the completion to forward, or null (not
 *                     terminal, or no replyTo)
 * @param earlyResult  {@link Verdict#PARK}: the result to hold until its call arrives
 * @param reason       why a record was dropped or ignored, for the log; null otherwise
 */
public record Decision(Verdict verdict, CallStatus status, Reply reply, FuncResult earlyResult, String reason) {

    public enum Verdict {
        /** Store and publish {@link #status()}, forward {@link #reply()} if any, forget any early result. */
        APPLY,
        /** Hold {@link #earlyResult()} until the call arrives. */
        PARK,
        /** A duplicate or late result: dropped and counted, never delivered twice. */
        DROP,
        /**
         * The result that ended the call, read again after the router stopped between two commits: its status,
         * reply and cache report may not have reached Kafka, so {@link #status()} and {@link #reply()} are sent
         * again; nothing is stored.
         */
        REPEAT,
        /**
         * Another run's end of a call that already ended, a call the result cache or a pipeline follows: dropped
         * like {@link #DROP}, but the end that {@link #status()} holds is sent to the cache and the pipeline again.
         * A restarted router can read a call's end before the record that started the call, drop that end and
         * start the call again; the end of that second run is the only record left to tell them.
         */
        REMIND,
        /** Nothing to do (a fact that changes no state); logged at debug. */
        IGNORE
    }

    public Decision {
        Objects.requireNonNull(verdict, "verdict");
        if ((verdict == Verdict.APPLY || verdict == Verdict.REPEAT || verdict == Verdict.REMIND) && status == null) {
            throw new IllegalArgumentException(verdict + " needs a status");
        }
        if (verdict == Verdict.PARK && earlyResult == null) {
            throw new IllegalArgumentException("PARK needs the early result");
        }
    }

    /** This decision with {@code replacement} as its status (APPLY only). */
    Decision withStatus(CallStatus replacement) {
        return new Decision(verdict, replacement, reply, earlyResult, reason);
    }

    static Decision apply(CallStatus status, Reply reply) {
        return new Decision(Verdict.APPLY, status, reply, null, null);
    }

    static Decision repeat(CallStatus status, Reply reply) {
        return new Decision(Verdict.REPEAT, status, reply, null, null);
    }

    static Decision remind(CallStatus status, String reason) {
        return new Decision(Verdict.REMIND, status, null, null, reason);
    }

    static Decision park(FuncResult result) {
        return new Decision(Verdict.PARK, null, null, result, null);
    }

    static Decision drop(String reason) {
        return new Decision(Verdict.DROP, null, null, null, reason);
    }

    static Decision ignore(String reason) {
        return new Decision(Verdict.IGNORE, null, null, null, reason);
    }
}
