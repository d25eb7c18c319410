package dev.computefabric.gateway.calls;

import dev.computefabric.avro.FuncCall;
import dev.computefabric.avro.Table;
import dev.computefabric.gateway.calls.CallSubmission.TableInput;
import dev.computefabric.gateway.tables.TableInputs;
import dev.computefabric.schemas.CacheKeys;
import dev.computefabric.schemas.serde.SpecificRecords;
import dev.computefabric.tables.Tables;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Makes the {@code FuncCall} a submission becomes: a new call id (or the one its idempotency key names), its input tables inline or stored (the
 * claim check), this gateway's reply topic, the time of submission, and a cache key when it goes through the
 * router's result cache.
 */
public final class CallFactory {

    static {
        // Builders fill defaults of generated types: Avro must trust them before any serde exists.
        SpecificRecords.trustGeneratedClasses();
    }

    private final Tables tables;
    private final String replyTopic;
    private final Clock clock;
    private final Caching.Policy cachePolicy;

    /**
     * @param tables      where input tables above the inline limit are stored
     * @param replyTopic  this gateway's reply topic, named in every call as {@code replyTo}
     * @param clock       the time of submission
     * @param cachePolicy which calls go through the router's result cache, and for how long
     */
    public CallFactory(Tables tables, String replyTopic, Clock clock, Caching.Policy cachePolicy) {
        this.tables = tables;
        this.replyTopic = replyTopic;
        this.clock = clock;
        this.cachePolicy = cachePolicy;
    }

    /**
     * The call for {@code submission}; a cacheable one carries its {@code cacheKey} and {@code cacheTtlMs}.
     *
     * @throws FabricUnavailableException an input table could not be stored
     */
    public FuncCall create(CallSubmission submission) {
        String callId = submission.idempotencyKey() == null ? UUID.randomUUID().toString() : submission.keyedCallId();
        FuncCall call = FuncCall.newBuilder()
                .setCallId(callId)
                .setFunction(submission.function())
                .setArgs(submission.argsJson())
                .setTables(storeTables("call " + callId, submission.tables()))
                .setRequirements(new ArrayList<>(submission.capset().tags()))
                .setReplyTo(replyTopic)
                .setSubmittedAt(clock.instant())
                .setTimeoutMs(submission.timeoutMs())
                .setSlots(submission.slots())
                .setCaller(
                        submission.caller() == null ? null : submission.caller().name())
                .setPriority(submission.priority())
                .build();
        Optional<Duration> cacheTtl = submission.caching().ttlUnder(cachePolicy);
        cacheTtl.ifPresent(ttl -> {
            call.setCacheKey(CacheKeys.of(call.getFunction(), call.getArgs(), call.getTables()));
            call.setCacheTtlMs(ttl.toMillis());
        });
        return call;
    }

    /**
     * The input tables of {@code owner} (e.g. {@code "call <id>"}) as they travel: inline, or stored above the inline
     * limit (the claim check).
     *
     * @throws FabricUnavailableException a table could not be stored
     */
    public Map<String, Table> storeTables(String owner, Map<String, TableInput> inputs) {
        Map<String, Table> stored = new LinkedHashMap<>();
        inputs.forEach((name, input) -> {
            try {
                stored.put(name, TableInputs.resolve(tables, name, input));
            } catch (SdkException e) {
                throw Failures.of("store input table '" + name + "' of " + owner, e);
            }
        });
        return stored;
    }
}
