package dev.computefabric.gateway.calls;

import java.time.Duration;
import java.util.Objects;

/**
 * A wait a client asked for, as the gateway holds it: never longer than the gateway's maximum. A longer wait is
 * not refused (a client asking for "as long as you can" should get that), but cut to the maximum and
 * {@code capped}, so the answer can say so ({@code Fabric-Wait-Capped}) and the client knows to ask again.
 *
 * @param duration how long the gateway waits: what was asked, or the maximum if that was less
 * @param capped   the client asked for more than the maximum
 */
public record RequestedWait(Duration duration, boolean capped) {

    public RequestedWait {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a wait cannot be negative, got " + duration);
        }
    }

    /** The wait as a client writes it: {@code "60s"}, {@code "1500ms"}, {@code "2m"}, {@code "1h"}. */
    public String text() {
        return WaitDuration.format(duration);
    }
}
