package dev.computefabric.gateway.calls;

import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.schemas.Capset;
import dev.computefabric.schemas.Topics;
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
     * Writes {@code call} to the capability topic of {@code capset}, or, when it carries a cache key, to the
     * router's cache requests keyed by that key; completes with the accepted call once acknowledged.
     */
    public CompletableFuture<CallSnapshot> accept(FuncCall call, Capset capset) {
        // The capability topic must exist before the call is accepted, also when the router's cache sends it there.
        return topics.topicFor(capset)
                .thenCompose(topic -> call.getCacheKey() != null
                        ? publish(Topics.CACHE_REQUESTS, call.getCacheKey(), call)
                        : publish(topic, call.getCallId(), call));
    }

    /** Records {@code result} on its call. */
    public RecentCalls.Completion complete(FuncResult result) {
        return recent.complete(result);
    }

    private CompletableFuture<CallSnapshot> publish(String topic, String key, FuncCall call) {
        CallSnapshot accepted = CallSnapshot.accepted(call);
        // Remembered before the write: a result may race the acknowledgement, and must find its call.
        recent.remember(accepted);
        return publisher.publish(topic, key, call).handle((acked, failure) -> {
            if (failure != null) {
                recent.forget(call.getCallId());
                throw Failures.of("publish call " + call.getCallId() + " to " + topic, failure);
            }
            log.debug("accepted call {} ({}) on {}", call.getCallId(), call.getFunction(), topic);
            return accepted;
        });
    }
}
