package dev.computefabric.executor.kafka;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The partition each running call was read from, so its events and result go to the same partition number
 * of {@code fabric.events} and {@code fabric.results}. The router joins a call with its result inside one
 * partition; following the call's partition (instead of hashing the call id again) keeps that join intact
 * whatever partitioner the call's producer used (librdkafka's default, an explicit partition).
 *
 * <p>Written by the decoder when a record becomes a call, read by the publisher, forgotten with the call's
 * final result. Calls that leave without one (released, revoked, abandoned) are redelivered and remembered
 * again; the bound keeps what they leave behind from growing without limit.
 */
public final class CallPartitions {

    /** Far above what a node holds at once (slots plus a fetched backlog); oldest entries go first. */
    public static final int DEFAULT_MAX_ENTRIES = 100_000;

    private final Map<String, Integer> partitions;

    public CallPartitions() {
        this(DEFAULT_MAX_ENTRIES);
    }

    public CallPartitions(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be >= 1, got " + maxEntries);
        }
        this.partitions = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** {@code callId} was read from {@code partition} (its latest delivery wins). */
    public synchronized void remember(String callId, int partition) {
        partitions.remove(callId);
        partitions.put(callId, partition);
    }

    /** The partition {@code callId} was read from; empty if unknown here (then the key's hash decides). */
    public synchronized OptionalInt of(String callId) {
        Integer partition = partitions.get(callId);
        return partition == null ? OptionalInt.empty() : OptionalInt.of(partition);
    }

    /** The call has its final result: nothing of it follows any more. */
    public synchronized void forget(String callId) {
        partitions.remove(callId);
    }

    synchronized int size() {
        return partitions.size();
    }
}
