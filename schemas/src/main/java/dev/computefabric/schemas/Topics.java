package dev.computefabric.schemas;

import dev.computefabric.avro.Priority;
import java.util.Locale;

/** The fabric's topic names. Every process takes them from here. */
public final class Topics {

    public static final String PREFIX = "fabric.";
    /**
     * Capability topics are {@code fabric.calls.<capset>} for NORMAL calls and {@code fabric.calls.<capset>.-high}
     * / {@code .-low} for the other levels; see {@link Capset} and {@link #calls(Capset, Priority)}.
     */
    public static final String CALLS_PREFIX = PREFIX + "calls.";
    /** Regex that matches every capability topic, for consumers that follow them all (the router). */
    public static final String CALLS_PATTERN = "fabric\\.calls\\..+";

    public static final String EVENTS = PREFIX + "events";
    public static final String RESULTS = PREFIX + "results";
    public static final String REPLIES_PREFIX = PREFIX + "replies.";
    public static final String STATUS = PREFIX + "status";
    public static final String CONTROL = PREFIX + "control";
    public static final String EXECUTORS = PREFIX + "executors";
    /** Compacted, key = executor id: the functions each node serves, with their signatures ({@code FunctionCatalog}). */
    public static final String FUNCTIONS = PREFIX + "functions";

    /** Compacted, key = token id: the API tokens every gateway accepts ({@code ApiToken}, hashes only); a tombstone revokes. */
    public static final String TOKENS = PREFIX + "tokens";

    public static final String DLQ = PREFIX + "dlq";
    /** Prefix of the result cache's topics. */
    public static final String CACHE_PREFIX = PREFIX + "cache.";
    /** Cacheable calls, key = cache key: the router's result cache answers or forwards them. */
    public static final String CACHE_REQUESTS = CACHE_PREFIX + "requests";
    /**
     * Calls the lifecycle follows without reading them from a calls topic, key = call id: every cacheable call once
     * the cache has seen it, and the calls of pipelines' sameNode steps (a node runs them after the step they follow).
     */
    public static final String CACHE_ACCEPTED = CACHE_PREFIX + "accepted";
    /** Terminal results of cacheable calls, key = cache key: the lifecycle tells the cache how a run ended. */
    public static final String CACHE_COMPLETIONS = CACHE_PREFIX + "completions";

    /** Prefix of the pipelines' topics, all keyed by pipeline id and co-partitioned. */
    public static final String PIPELINES_PREFIX = PREFIX + "pipelines";
    /** Pipelines to run ({@code Pipeline}), key = pipeline id: the router drives them. */
    public static final String PIPELINES = PIPELINES_PREFIX;
    /** Cancellations of pipelines ({@code ControlCommand} whose callId is the pipeline id), key = pipeline id. */
    public static final String PIPELINES_CONTROL = PIPELINES_PREFIX + ".control";
    /** Terminal results of pipeline steps' calls ({@code FuncResult}), key = pipeline id: the lifecycle tells the pipeline. */
    public static final String PIPELINES_STEPS = PIPELINES_PREFIX + ".steps";
    /** Compacted, key = pipeline id: where each pipeline stands ({@code PipelineStatus}). */
    public static final String PIPELINES_STATUS = PIPELINES_PREFIX + ".status";

    /**
     * Separates a capset name from a priority level. A tag starts with {@code [a-z0-9]}, so no capset name
     * contains {@code .-}: {@code fabric.calls.gpu.-high} cannot be the topic of a capset (tags {@code gpu},
     * {@code high} make {@code fabric.calls.gpu.high}). Not {@code _} (Kafka treats it as {@code .}), not upper
     * case (log directories would collide on case-insensitive file systems).
     */
    public static final String PRIORITY_SEPARATOR = ".-";

    private Topics() {}

    /** The topic that carries NORMAL calls needing exactly {@code capset}. */
    public static String calls(Capset capset) {
        return CALLS_PREFIX + capset.name();
    }

    /** The topic that carries calls of {@code priority} (null: NORMAL) needing exactly {@code capset}. */
    public static String calls(Capset capset, Priority priority) {
        return priority == null || priority == Priority.NORMAL
                ? calls(capset)
                : calls(capset) + PRIORITY_SEPARATOR + priority.name().toLowerCase(Locale.ROOT);
    }

    /** The priority level a {@code fabric.calls.*} topic carries: NORMAL unless its name ends in one. */
    public static Priority priorityOf(String topic) {
        int at = topic.lastIndexOf(PRIORITY_SEPARATOR);
        if (at < 0) {
            return Priority.NORMAL;
        }
        String level = topic.substring(at + PRIORITY_SEPARATOR.length());
        for (Priority priority : Priority.values()) {
            if (priority != Priority.NORMAL
                    && priority.name().toLowerCase(Locale.ROOT).equals(level)) {
                return priority;
            }
        }
        throw new IllegalArgumentException("topic " + topic + " names no priority level: '" + level + "'");
    }

    /** The reply topic of the gateway {@code gatewayId}. */
    public static String replies(String gatewayId) {
        if (gatewayId == null || !gatewayId.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("gatewayId must match [A-Za-z0-9._-]+, got: " + gatewayId);
        }
        return REPLIES_PREFIX + gatewayId;
    }

    /** The capability set a {@code fabric.calls.*} topic carries (whatever its priority), or null for any other topic. */
    public static Capset capsetOf(String topic) {
        if (!topic.startsWith(CALLS_PREFIX)) {
            return null;
        }
        String name = topic.substring(CALLS_PREFIX.length());
        int level = name.lastIndexOf(PRIORITY_SEPARATOR);
        return Capset.parse(level < 0 ? name : name.substring(0, level));
    }
}
