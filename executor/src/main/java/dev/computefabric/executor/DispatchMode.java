package dev.computefabric.executor;

import java.util.Locale;

/** How an executor takes calls from the capability topics. */
public enum DispatchMode {

    /** KIP-932 share group (Kafka 4.2+): per-record locks, acknowledgements and delivery counts. */
    SHARE,
    /** Classic consumer group with pause/resume and out-of-order offset tracking, for older brokers. */
    CLASSIC;

    /** {@code share} or {@code classic}, any case. */
    public static DispatchMode parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("dispatch must be 'share' or 'classic', got '" + text + "'");
        }
    }
}
