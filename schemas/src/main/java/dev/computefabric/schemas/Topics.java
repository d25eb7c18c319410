package dev.computefabric.schemas;

/** The fabric's topic names. Every process takes them from here. */
public final class Topics {

    public static final String PREFIX = "fabric.";
    /** Capability topics are {@code fabric.calls.<capset>}; see {@link Capset}. */
    public static final String CALLS_PREFIX = PREFIX + "calls.";
    /** Regex that matches every capability topic, for consumers that follow them all (the router). */
    public static final String CALLS_PATTERN = "fabric\\.calls\\..+";
    public static final String EVENTS = PREFIX + "events";
    public static final String RESULTS = PREFIX + "results";
    public static final String REPLIES_PREFIX = PREFIX + "replies.";
    public static final String STATUS = PREFIX + "status";
    public static final String CONTROL = PREFIX + "control";
    public static final String EXECUTORS = PREFIX + "executors";
    public static final String DLQ = PREFIX + "dlq";

    private Topics() {
    }

    /** The topic that carries calls needing exactly {@code capset}. */
    public static String calls(Capset capset) {
        return CALLS_PREFIX + capset.name();
    }

    /** The reply topic of the gateway {@code gatewayId}. */
    public static String replies(String gatewayId) {
        if (gatewayId == null || !gatewayId.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("gatewayId must match [A-Za-z0-9._-]+, got: " + gatewayId);
        }
        return REPLIES_PREFIX + gatewayId;
    }

    /** The capability set a {@code fabric.calls.*} topic carries, or null for any other topic. */
    public static Capset capsetOf(String topic) {
        return topic.startsWith(CALLS_PREFIX) ? Capset.parse(topic.substring(CALLS_PREFIX.length())) : null;
    }
}
