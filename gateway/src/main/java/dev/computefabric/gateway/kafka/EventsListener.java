package dev.computefabric.gateway.kafka;

import dev.computefabric.avro.CallEvent;
import java.util.function.Consumer;

/**
 * Follows {@code fabric.events} from its end, without a group, and hands every event to a sink: the console's live
 * log lines ({@code log} events on {@code GET /v1/calls/{id}/events}) come from here. Every gateway reads every
 * event (STARTED and PROGRESS too, a few per call); the router keeps what the status needs of them.
 */
public final class EventsListener implements AutoCloseable {

    private final TopicFollower<CallEvent> follower;

    public EventsListener(
            org.apache.kafka.clients.consumer.Consumer<String, CallEvent> consumer,
            String topic,
            Consumer<CallEvent> sink) {
        this.follower = new TopicFollower<>(consumer, topic, "event", "gateway-events", (record, event) -> {
            if (event != null) {
                sink.accept(event);
            }
        });
    }

    public void start() {
        follower.start(TopicFollower.StartAt.END);
    }

    @Override
    public void close() {
        follower.close();
    }
}
