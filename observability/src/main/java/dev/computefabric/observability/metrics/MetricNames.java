package dev.computefabric.observability.metrics;

/**
 * Every fabric metric, by its Micrometer name. Prometheus shows dots as underscores and adds {@code _total} to
 * counters and {@code _seconds} to timers: {@code fabric.calls.accepted} is scraped as
 * {@code fabric_calls_accepted_total}. One list, so the dashboard, the alerts and the tests name the same series.
 */
public final class MetricNames {

    /** Tag: the function a call named. */
    public static final String FUNCTION = "function";
    /** Tag: the capability set of a call, e.g. {@code any} or {@code gpu.python} (its topic's suffix). */
    public static final String CAPSET = "capset";
    /** Tag: a call's terminal state, e.g. {@code FINISHED}. */
    public static final String STATE = "state";
    /** Tag: which fabric process reports, e.g. {@code executor}. */
    public static final String COMPONENT = "component";
    /** Tag: which instance of a component reports, e.g. an executor id. */
    public static final String NODE = "node";

    /** Gateway: calls the broker acknowledged, by function and capset. */
    public static final String CALLS_ACCEPTED = "fabric.calls.accepted";
    /** Router: calls that reached a terminal state, by function, capset and state. */
    public static final String CALLS_ENDED = "fabric.calls.ended";
    /** Router: from submission to the terminal state, by function and capset. */
    public static final String CALL_LATENCY = "fabric.call.latency";
    /** Router: results dropped because their call had already ended (duplicates and late results). */
    public static final String ROUTER_DROPPED_RESULTS = "fabric.router.dropped.results";
    /** Router: calls read again after the router already tracked them (redelivered or resent). */
    public static final String ROUTER_DUPLICATE_CALLS = "fabric.router.duplicate.calls";
    /** Router: cacheable calls answered from the result cache without running. */
    public static final String ROUTER_CACHE_HITS = "fabric.router.cache.hits";
    /** Router: cacheable calls sent to run because nothing was cached or running. */
    public static final String ROUTER_CACHE_MISSES = "fabric.router.cache.misses";
    /** Executor: results this node published, by function, capset and state. */
    public static final String EXECUTOR_CALLS = "fabric.executor.calls";
    /** Executor: from submission to the start of the run on this node, by capset. */
    public static final String QUEUE_WAIT = "fabric.call.queue.wait";
    /** Executor: how long functions ran on this node, by function and capset. */
    public static final String RUN_TIME = "fabric.call.run";
    /** Executor: slots running calls now. */
    public static final String SLOTS_BUSY = "fabric.executor.slots.busy";
    /** Executor: slots free now. */
    public static final String SLOTS_FREE = "fabric.executor.slots.free";
    /** Executor: bytes of the tables calls read ({@code direction=in}) and produced ({@code direction=out}). */
    public static final String TABLE_BYTES = "fabric.table.bytes";
    /** Tag of {@link #TABLE_BYTES}. */
    public static final String DIRECTION = "direction";
    /** Gateway: calls accepted and not yet started (as {@code fabric.status} shows them), by capset and topic. */
    public static final String QUEUED_CALLS = "fabric.queue.calls";
    /** Tag of {@link #QUEUED_CALLS}: the capability topic. */
    public static final String TOPIC = "topic";
    /** Gateway: requests held waiting for a call's or a pipeline's result ({@code ?wait=}). */
    public static final String WAITING_REQUESTS = "fabric.gateway.waiting.requests";

    private MetricNames() {}

    /** How Prometheus shows a Micrometer name: dots become underscores. */
    public static String prometheus(String name) {
        return name.replace('.', '_');
    }
}
