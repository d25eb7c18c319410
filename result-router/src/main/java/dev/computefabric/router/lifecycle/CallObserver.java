package dev.computefabric.router.lifecycle;

import dev.computefabric.avro.CallStatus;

/** Told what the lifecycle did with each fact, for metrics; called on a stream thread, so it must be quick. */
public interface CallObserver {

    CallObserver NONE = new CallObserver() {};

    /** A call's status changed from {@code previous} (null for a new call) to {@code next}. */
    default void applied(CallStatus previous, CallStatus next) {}

    /** A result was dropped because its call had already ended (a duplicate or a late result). */
    default void dropped() {}

    /** A fact ({@code FuncCall}, {@code FuncResult}, ...) changed nothing; {@code known} is the call's status, if any. */
    default void ignored(String fact, CallStatus known) {}
}
