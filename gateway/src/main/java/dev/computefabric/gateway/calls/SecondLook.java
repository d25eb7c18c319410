package dev.computefabric.gateway.calls;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks for a call once more before this gateway answers that it does not know it. A call accepted elsewhere (by
 * another gateway, or produced by a Kafka client) is known here from {@code fabric.status}, which this gateway reads
 * up to half a second behind while nobody waits on it (docs/architecture.md, "Status from any gateway"). A call whose
 * status the router wrote before the question must be found all the same: the first look misses, the view is brought
 * up to the topic's end ({@link ViewSync}), and the second look finds it. A look that finds something costs nothing
 * more; a call that really is unknown costs one request for the topic's end offsets and the follower's catching up,
 * at most {@link #bound}.
 */
public final class SecondLook {

    /** The longest a question waits for the status view to catch up before it is answered from what is there. */
    public static final Duration DEFAULT_BOUND = Duration.ofSeconds(3);

    /** Looks only once: the view is all there is (tests, a gateway that follows no status). */
    public static final SecondLook NONE = new SecondLook(ViewSync.NONE, DEFAULT_BOUND, Runnable::run);

    private static final Logger log = LoggerFactory.getLogger(SecondLook.class);

    private final ViewSync statuses;
    private final Duration bound;
    private final Executor continueOn;

    /**
     * @param statuses   brings the status view up to date
     * @param bound      the longest a question waits for it
     * @param continueOn where a look after catching up runs (not the follower's thread, which must go on reading)
     */
    public SecondLook(ViewSync statuses, Duration bound, Executor continueOn) {
        this.statuses = statuses;
        this.bound = bound;
        this.continueOn = continueOn;
    }

    /**
     * The call {@code callId} as {@code look} finds it, looking a second time once the view caught up if the first
     * look found nothing. Fails with {@link CallNotFoundException} when neither look finds it.
     */
    public <T> CompletableFuture<T> require(String callId, Function<String, Optional<T>> look) {
        Optional<T> first = look.apply(callId);
        if (first.isPresent()) {
            return CompletableFuture.completedFuture(first.get());
        }
        return caughtUp().thenApplyAsync(ignored -> orNotFound(callId, look.apply(callId)), continueOn);
    }

    /** The same, blocking this thread for at most {@link #bound}: for answers that are not asynchronous. */
    public <T> T requireNow(String callId, Function<String, Optional<T>> look) {
        return orNotFound(callId, findNow(callId, look));
    }

    /** What {@code look} finds for {@code callId}, blocking as {@link #requireNow} does; empty when both looks miss. */
    public <T> Optional<T> findNow(String callId, Function<String, Optional<T>> look) {
        Optional<T> first = look.apply(callId);
        if (first.isPresent()) {
            return first;
        }
        caughtUp().join();
        return look.apply(callId);
    }

    /** Completes once the view caught up, or failed to within the bound: then the answer is what the view holds. */
    private CompletableFuture<Void> caughtUp() {
        return statuses.catchUp()
                .orTimeout(bound.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(failure -> {
                    Throwable cause = Failures.unwrap(failure);
                    log.warn(
                            "this gateway's status view could not be brought up to date ({}); answering from what it"
                                    + " has read",
                            cause instanceof TimeoutException ? "not within " + bound : cause.toString());
                    return null;
                });
    }

    private static <T> T orNotFound(String callId, Optional<T> found) {
        return found.orElseThrow(() -> new CallNotFoundException(callId));
    }
}
