package dev.computefabric.router.telemetry;

import dev.computefabric.observability.health.Health;
import dev.computefabric.router.RunningRouter;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The router's probes. Live while Streams can still recover by itself (anything but ERROR, or stopped without being
 * asked); ready when RUNNING: its tasks are assigned and restored, so it routes. A standby router, an instance
 * without active tasks, is RUNNING too: it is ready to take over.
 */
public final class RouterHealth {

    private RouterHealth() {}

    public static Health of(RunningRouter router) {
        return new Health()
                .live("streams", () -> switch (router.state()) {
                    case ERROR -> Optional.of("Kafka Streams is in ERROR: every stream thread died");
                    case NOT_RUNNING -> Optional.of("Kafka Streams stopped");
                    default -> Optional.empty();
                })
                .ready(
                        "streams-running",
                        () -> router.state() == KafkaStreams.State.RUNNING
                                ? Optional.empty()
                                : Optional.of("Kafka Streams is " + router.state() + ", not RUNNING"));
    }
}
