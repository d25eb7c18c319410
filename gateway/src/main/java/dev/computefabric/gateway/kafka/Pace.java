package dev.computefabric.gateway.kafka;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * When a {@link TopicFollower} reads lazily: {@code lazy} follows the same topic with a {@code fetch.min.bytes} that
 * lets the broker gather records (up to its {@code fetch.max.wait.ms}), and is read whenever {@code promptWanted} is
 * false, no wait for a position is pending, and neither was for {@link #PROMPT_LINGER}. Used on the follower's thread
 * only.
 *
 * @param <V> the record value
 */
final class Pace<V> {

    /**
     * How long a lazy poll waits in the client before the follower looks again whether records are wanted promptly.
     * The fetch it sent stays parked at the broker meanwhile: a look costs no request, but a poll of the client all
     * the same (at 50 ms, an idle gateway spent a point of a core more than before).
     */
    static final Duration LAZY_POLL_TIMEOUT = Duration.ofMillis(200);
    /**
     * How long a follower stays prompt after the last sign that someone needed it to be: the request answered a
     * moment ago is often followed by the next, and a status written just before a reply still arrives promptly.
     */
    static final Duration PROMPT_LINGER = Duration.ofSeconds(1);

    private final Consumer<String, V> lazy;
    private final BooleanSupplier promptWanted;
    /** Until when (nanoTime) the follower reads promptly. */
    private long promptUntil;

    Pace(Consumer<String, V> lazy, BooleanSupplier promptWanted) {
        this.lazy = lazy;
        this.promptWanted = promptWanted;
    }

    Consumer<String, V> lazy() {
        return lazy;
    }

    /** The follower starts reading: promptly, for {@link #PROMPT_LINGER} at least. */
    void started() {
        promptUntil = System.nanoTime() + PROMPT_LINGER.toNanos();
    }

    /**
     * The consumer to read with now: {@code prompt} while {@code waitsPending} or {@code promptWanted}, and for
     * {@link #PROMPT_LINGER} after; the lazy one otherwise.
     */
    Consumer<String, V> choose(Consumer<String, V> prompt, boolean waitsPending) {
        long now = System.nanoTime();
        if (waitsPending || promptWanted.getAsBoolean()) {
            promptUntil = now + PROMPT_LINGER.toNanos();
        }
        return now - promptUntil < 0 ? prompt : lazy;
    }
}
