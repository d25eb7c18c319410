package dev.computefabric.gateway.calls;

import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.FuncResult;
import dev.computefabric.avro.Table;
import dev.computefabric.gateway.calls.CallRequest.TableInput;
import dev.computefabric.gateway.tables.TableInputs;
import dev.computefabric.schemas.Lifecycle;
import dev.computefabric.schemas.Topics;
import dev.computefabric.schemas.serde.SpecificRecords;
import dev.computefabric.tables.Tables;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The gateway's call handling: turns a validated request into a {@code FuncCall} on its capability topic,
 * remembers it, and completes waiting requests from the replies the router sends to this gateway.
 *
 * <p>Continuations run on {@code dispatch}, never on the Kafka producer's I/O thread or the reply
 * consumer's thread: rendering a large result must not delay other calls' acknowledgements or replies.
 */
public final class FabricCalls implements Calls {

    private static final Logger log = LoggerFactory.getLogger(FabricCalls.class);

    static {
        // Builders fill defaults of generated types: Avro must trust them before any serde exists.
        SpecificRecords.trustGeneratedClasses();
    }

    private final CallTopics topics;
    private final CallPublisher publisher;
    private final Tables tables;
    private final RecentCalls recent;
    private final CallLookup lookup;
    private final PendingReplies pending;
    private final String replyTopic;
    private final Clock clock;
    private final Executor dispatch;
    private final Caching.Policy cachePolicy;

    /**
     * @param recent     where accepted calls and their results are recorded
     * @param lookup     where calls are found by id; {@code recent} itself, or a lookup that also asks elsewhere
     * @param replyTopic this gateway's reply topic, named in every call as {@code replyTo}
     * @param cachePolicy which calls go through the router's result cache, and for how long
     */
    public FabricCalls(CallTopics topics, CallPublisher publisher, Tables tables, RecentCalls recent, CallLookup lookup,
                       PendingReplies pending, String replyTopic, Clock clock, Executor dispatch, Caching.Policy cachePolicy) {
        this.topics = topics;
        this.publisher = publisher;
        this.tables = tables;
        this.recent = recent;
        this.lookup = lookup;
        this.pending = pending;
        this.replyTopic = replyTopic;
        this.clock = clock;
        this.dispatch = dispatch;
        this.cachePolicy = cachePolicy;
    }

    @Override
    public CompletableFuture<CallSnapshot> submit(CallRequest request) {
        String callId = UUID.randomUUID().toString();
        FuncCall call = FuncCall.newBuilder()
                .setCallId(callId)
                .setFunction(request.function())
                .setArgs(request.argsJson())
                .setTables(store(callId, request.tables()))
                .setRequirements(new ArrayList<>(request.capset().tags()))
                .setReplyTo(replyTopic)
                .setSubmittedAt(clock.instant())
                .setTimeoutMs(request.timeoutMs())
                .setSlots(request.slots())
                .build();
        Optional<Duration> cacheTtl = request.caching().ttlUnder(cachePolicy);
        cacheTtl.ifPresent(ttl -> {
            call.setCacheKey(CacheKeys.of(call.getFunction(), call.getArgs(), call.getTables()));
            call.setCacheTtlMs(ttl.toMillis());
        });
        // The capability topic must exist before the call is accepted, also when the router's cache sends it there.
        return topics.topicFor(request.capset())
                .thenCompose(topic -> cacheTtl.isPresent() ? publish(Topics.CACHE_REQUESTS, call.getCacheKey(), call)
                        : publish(topic, call.getCallId(), call))
                .thenComposeAsync(accepted -> awaitResult(accepted, request.waitFor()), dispatch);
    }

    @Override
    public CompletableFuture<CallSnapshot> find(String callId, Optional<Duration> wait) {
        CallSnapshot known = lookup.find(callId).orElseThrow(() -> new CallNotFoundException(callId));
        return awaitResult(known, wait);
    }

    /** A result from this gateway's reply topic. Never throws: a bad reply must not stop the consumer. */
    public void onReply(FuncResult result) {
        String callId = result.getCallId();
        RecentCalls.Completion completion = recent.complete(result);
        if (completion == RecentCalls.Completion.DUPLICATE) {
            log.info("dropped another result for call {} ({}): the call is already terminal", callId, result.getState());
            return;
        }
        if (completion == RecentCalls.Completion.UNKNOWN) {
            log.warn("result for call {} ({}) that this gateway does not remember: accepted before a restart,"
                    + " or forgotten to keep memory bounded", callId, result.getState());
        }
        if (Lifecycle.isTerminal(result.getState()) && !pending.complete(result)) {
            log.debug("result for call {} arrived with no request waiting for it", callId);
        }
    }

    private Map<String, Table> store(String callId, Map<String, TableInput> inputs) {
        Map<String, Table> stored = new LinkedHashMap<>();
        inputs.forEach((name, input) -> {
            try {
                stored.put(name, TableInputs.resolve(tables, name, input));
            } catch (SdkException e) {
                throw Failures.of("store input table '" + name + "' of call " + callId, e);
            }
        });
        return stored;
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

    private CompletableFuture<CallSnapshot> awaitResult(CallSnapshot known, Optional<Duration> wait) {
        if (known.isTerminal() || wait.isEmpty()) {
            return CompletableFuture.completedFuture(known);
        }
        String callId = known.callId();
        CompletableFuture<Optional<FuncResult>> reply = pending.await(callId, wait.get());
        // A result recorded after the lookup that produced `known` but before await() completed nobody: deliver it.
        lookup.find(callId).filter(CallSnapshot::isTerminal).map(CallSnapshot::result).filter(Objects::nonNull)
                .ifPresent(pending::complete);
        return reply.thenApplyAsync(result -> {
            CallSnapshot current = lookup.find(callId).orElse(known);
            return result.isPresent() && !current.isTerminal() ? current.with(result.get()) : current;
        }, dispatch);
    }
}
