package dev.computefabric.executor.dispatch;

/**
 * Takes calls from the capability topics and hands them to the workers while slots are free. The classic
 * consumer-group dispatcher is one implementation; a share-group (KIP-932) dispatcher is meant to sit
 * beside it, reusing {@link CallDecoder}, {@link DeadLetters}, {@link ServedTopics} and the worker pool's
 * {@code Settlement} (which says whether to ACCEPT, RELEASE or leave a record).
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
