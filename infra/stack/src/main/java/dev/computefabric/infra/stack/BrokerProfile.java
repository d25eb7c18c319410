package dev.computefabric.infra.stack;

import java.util.Map;

/** Broker settings beyond the single-node basics, by use. */
public enum BrokerProfile {

    /**
     * For development and tests: a crashed share-group member's records come back in ~6 s instead of ~48 s
     * (the broker's minimum session timeout is 45 s by default), and locks can be short.
     */
    DEV(Map.of(
            "group.share.min.session.timeout.ms", "3000",
            "group.share.session.timeout.ms", "6000",
            "group.share.min.heartbeat.interval.ms", "500",
            "group.share.heartbeat.interval.ms", "1000",
            "group.share.min.record.lock.duration.ms", "1000")),

    /** Kafka's own defaults. */
    STANDARD(Map.of());

    private final Map<String, String> overrides;

    BrokerProfile(Map<String, String> overrides) {
        this.overrides = overrides;
    }

    public Map<String, String> overrides() {
        return overrides;
    }
}
