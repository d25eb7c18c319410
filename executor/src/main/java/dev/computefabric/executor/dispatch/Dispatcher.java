package dev.computefabric.executor.dispatch;

/**
 * Takes calls from the capability topics and hands them to the workers while slots are free: through a
 * KIP-932 share group ({@code ShareDispatcher}, the default) or a classic consumer group
 * ({@code ClassicDispatcher}, for older brokers). Both decode with {@link CallDecoder}, decide with
 * {@link Admission} and dead-letter with {@link DeadLetters}; a started call's record is acknowledged
 * only once its {@code Settlement} says the result is published.
 */
public interface Dispatcher {

    /**
     * Runs on the calling thread until {@link #requestStop()}, then stops taking calls, lets running ones
     * finish within the drain timeout, acknowledges what finished and leaves the group.
     *
     * @param onReady runs once, when the node is a group member that can receive calls
     */
    void run(Runnable onReady);

    /** Asks {@link #run} to drain and return; safe from any thread, returns at once. */
    void requestStop();
}
