package dev.computefabric.executor.dispatch.classic;

/**
 * What the dispatching thread owns and shares with the rebalance handler, which runs on the same thread
 * inside poll(): received records, offsets, pausing, and the hand-over point for finished records.
 */
record DispatchState(OffsetTracker tracker, Backlog backlog, Backpressure backpressure, Completions completions) {

    DispatchState() {
        this(new OffsetTracker(), new Backlog(), new Backpressure(), new Completions());
    }

    /** Moves finished records from the hand-over queue into the offset tracker. */
    void settleCompleted() {
        completions.drainInto(tracker);
    }
}
