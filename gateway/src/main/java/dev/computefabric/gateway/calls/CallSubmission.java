package dev.computefabric.gateway.calls;

import dev.computefabric.avro.Priority;
import dev.computefabric.avro.TableFormat;
import dev.computefabric.schemas.Capset;
import dev.computefabric.schemas.IdempotencyKeys;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A call as a client submitted it ({@code POST /v1/calls}, JSON or multipart), validated: everything in it is
 * known to be acceptable, so building the {@code FuncCall} from it cannot fail for the client's reasons any more.
 * Named apart from the SDK's {@code CallRequest}, which is what a Java client builds before it is sent.
 *
 * @param function  function name, e.g. {@code echo}
 * @param argsJson  the arguments as compact JSON object text
 * @param capset    the capabilities the executor needs
 * @param tables    input tables by name, in request order
 * @param timeoutMs deadline relative to submission, or null for the fabric's default
 * @param slots     executor slots the call occupies
 * @param waitFor   how long to hold the request for the result; empty: answer once accepted
 * @param caching   what the caller asked of the result cache
 * @param waitCapped the client asked to wait longer than the gateway's maximum, and {@code waitFor} is that maximum
 * @param idempotencyKey the client's {@code Idempotency-Key}, or null: the same key again means the same call
 * @param caller    who submitted it, or null on a gateway without authentication
 * @param priority  the call's queue level
 */
public record CallSubmission(
        String function,
        String argsJson,
        Capset capset,
        Map<String, TableInput> tables,
        Long timeoutMs,
        int slots,
        Optional<Duration> waitFor,
        Caching caching,
        boolean waitCapped,
        String idempotencyKey,
        Caller caller,
        Priority priority) {

    public static final int DEFAULT_SLOTS = 1;
    public static final String DEFAULT_ARGS = "{}";

    public CallSubmission {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(argsJson, "argsJson");
        Objects.requireNonNull(capset, "capset");
        tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
        Objects.requireNonNull(waitFor, "waitFor");
        Objects.requireNonNull(caching, "caching");
        Objects.requireNonNull(priority, "priority");
    }

    /** The id of the call its idempotency key names, for its caller; null without a key. */
    public String keyedCallId() {
        return idempotencyKey == null
                ? null
                : IdempotencyKeys.callId(idempotencyKey, caller == null ? null : caller.name());
    }

    /** A NORMAL submission without an idempotency key or caller whose wait, if any, was within the gateway's maximum. */
    public CallSubmission(
            String function,
            String argsJson,
            Capset capset,
            Map<String, TableInput> tables,
            Long timeoutMs,
            int slots,
            Optional<Duration> waitFor,
            Caching caching) {
        this(
                function,
                argsJson,
                capset,
                tables,
                timeoutMs,
                slots,
                waitFor,
                caching,
                false,
                null,
                null,
                Priority.NORMAL);
    }

    /** This submission with {@code tables} as its input tables (e.g. tables that arrived as parts of a multipart body). */
    public CallSubmission withTables(Map<String, TableInput> tables) {
        return with(copy -> copy.tables = tables);
    }

    /** This submission sent with {@code key} as its {@code Idempotency-Key} (null: none). */
    public CallSubmission withIdempotencyKey(String key) {
        return with(copy -> copy.idempotencyKey = key);
    }

    /** This submission sent by {@code caller} (null: nobody authenticated). */
    public CallSubmission withCaller(Caller caller) {
        return with(copy -> copy.caller = caller);
    }

    /** This submission queued at {@code priority}. */
    public CallSubmission withPriority(Priority priority) {
        return with(copy -> copy.priority = priority);
    }

    /** The wait as asked for, when there is one: what the answer reports if it was capped. */
    public Optional<RequestedWait> requestedWait() {
        return waitFor.map(wait -> new RequestedWait(wait, waitCapped));
    }

    /** This submission with {@code argsJson} as its arguments (e.g. with the defaults of its signature filled in). */
    public CallSubmission withArgs(String argsJson) {
        return with(copy -> copy.argsJson = argsJson);
    }

    /** This submission going to the capability topic of {@code capset}. */
    public CallSubmission withCapset(Capset capset) {
        return with(copy -> copy.capset = capset);
    }

    /** This submission with what {@code change} sets on a copy of its fields. */
    private CallSubmission with(Consumer<Fields> change) {
        Fields copy = new Fields(this);
        change.accept(copy);
        return new CallSubmission(
                copy.function,
                copy.argsJson,
                copy.capset,
                copy.tables,
                copy.timeoutMs,
                copy.slots,
                copy.waitFor,
                copy.caching,
                copy.waitCapped,
                copy.idempotencyKey,
                copy.caller,
                copy.priority);
    }

    /** A submission's fields, to change one or two of them for a copy. */
    private static final class Fields {
        String function;
        String argsJson;
        Capset capset;
        Map<String, TableInput> tables;
        Long timeoutMs;
        int slots;
        Optional<Duration> waitFor;
        Caching caching;
        boolean waitCapped;
        String idempotencyKey;
        Caller caller;
        Priority priority;

        Fields(CallSubmission submission) {
            function = submission.function;
            argsJson = submission.argsJson;
            capset = submission.capset;
            tables = submission.tables;
            timeoutMs = submission.timeoutMs;
            slots = submission.slots;
            waitFor = submission.waitFor;
            caching = submission.caching;
            waitCapped = submission.waitCapped;
            idempotencyKey = submission.idempotencyKey;
            caller = submission.caller;
            priority = submission.priority;
        }
    }

    /**
     * An input table as the client sent it: its format, and either its bytes (UTF-8 text) or the SHA-256 of a
     * table already in storage (uploaded before, lower-case hex).
     */
    public record TableInput(TableFormat format, byte[] content, String sha256) {

        public TableInput {
            Objects.requireNonNull(format, "format");
            if ((content == null) == (sha256 == null)) {
                throw new IllegalArgumentException("a table input has either content or a sha256");
            }
        }

        public TableInput(TableFormat format, byte[] content) {
            this(format, Objects.requireNonNull(content, "content"), null);
        }

        /** The stored table with this hash. */
        public static TableInput stored(TableFormat format, String sha256) {
            return new TableInput(format, null, Objects.requireNonNull(sha256, "sha256"));
        }
    }
}
