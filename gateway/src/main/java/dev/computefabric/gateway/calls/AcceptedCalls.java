package dev.computefabric.gateway.calls;

import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.observability.tracing.CallMdc;
import dev.computefabric.observability.tracing.TraceParent;
import dev.computefabric.schemas.Capset;
import dev.computefabric.schemas.Topics;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls this gateway accepts. Accepted means durable: a call is remembered, written to its topic, and
 * accepted once the broker acknowledged the write; a write that fails forgets it again. Replies record the
 * calls' results.
 */
public final class AcceptedCalls {

    private static final Logger log = LoggerFactory.getLogger(AcceptedCalls.class);

    private final CallTopics topics;
    private final CallPublisher publisher;
    private final RecentCalls recent;

    /**
     * @param topics    finds, or creates, the capability topic of a capset
     * @param publisher writes calls to Kafka
     * @param recent    where accepted calls and their results are remembered
     */
    public AcceptedCalls(CallTopics topics, CallPublisher publisher, RecentCalls recent) {
        this.topics = topics;
        this.publisher = publisher;
        this.recent = recent;
    }

    /**
     * Writes {@code call} to the capability topic of {@code capset} at its priority, or, when it carries a cache key, to the
     * router's cache requests keyed by that key; completes with the accepted call once acknowledged.
     */
    public CompletableFuture<CallSnapshot> accept(FuncCall call, Capset capset) {
        // Read on the request's thread: what follows may run on the thread that created the topic.
        Optional<TraceParent> trace = CallMdc.trace();
        // The capability topic must exist before the call is accepted, also when the router's cache sends it there.
        return topics.topicFor(capset, call.getPriority())
                .thenCompose(topic -> call.getCacheKey() != null
                        ? publish(Topics.CACHE_REQUESTS, call.getCacheKey(), call, trace)
                        : publish(topic, call.getCallId(), call, trace));
    }

    /** Records {@code result} on its call. */
    public RecentCalls.Completion complete(FuncResult result) {
        return recent.complete(result);
    }

    private CompletableFuture<CallSnapshot> publish(
            String topic, String key, FuncCall call, Optional<TraceParent> trace) {
        CallSnapshot accepted = CallSnapshot.accepted(call, trace);
        // Remembered before the write: a result may race the acknowledgement, and must find its call.
        recent.remember(accepted);
        return publisher.publish(topic, key, call, trace).handle((acked, failure) -> {
            if (failure != null) {
                recent.forget(call.getCallId());
                throw Failures.of("publish call " + call.getCallId() + " to " + topic, failure);
            }
            log.debug("accepted call {} ({}) on {}", call.getCallId(), call.getFunction(), topic);
            return accepted;
        });
    }
}
