package dev.computefabric.router.lifecycle;

import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.ProcessingContext;

/** The router's own Streams metrics, next to Kafka's in {@code KafkaStreams.metrics()} and JMX. */
public final class RouterMetrics {

    /** Metric group of the router's sensors: Streams names it {@code stream-<scope>-metrics}. */
    public static final String SCOPE = "fabric-router";
    /** Results dropped because their call had already ended (duplicates, late results). */
    public static final String DROPPED_RESULTS = "dropped-results";
    /** The cumulative count of {@link #DROPPED_RESULTS}; Streams also adds a {@code -rate}. */
    public static final String DROPPED_RESULTS_TOTAL = DROPPED_RESULTS + "-total";

    private RouterMetrics() {}

    /** One sensor per task (the entity is the task id), so a task can remove its own on close. */
    static Sensor droppedResults(ProcessingContext context) {
        return context.metrics()
                .addRateTotalSensor(SCOPE, "task-" + context.taskId(), DROPPED_RESULTS, Sensor.RecordingLevel.INFO);
    }
}
