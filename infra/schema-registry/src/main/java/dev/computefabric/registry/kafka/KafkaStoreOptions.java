package dev.computefabric.registry.kafka;

import java.time.Duration;
import java.util.Optional;

/**
 * Where and how the registry keeps its state in Kafka.
 *
 * @param bootstrap         the brokers, e.g. {@code 127.0.0.1:9092}
 * @param topic             the compacted, single-partition topic holding every schema and setting
 * @param replicationFactor of the topic when the registry creates it; empty: the broker's default
 * @param transactionalId   shared by every registry instance on {@code topic}: a writer fences the others
 * @param timeout           bound on each Kafka operation (catching up, committing, creating the topic)
 */
public record KafkaStoreOptions(
        String bootstrap, String topic, Optional<Short> replicationFactor, String transactionalId, Duration timeout) {

    /** Not Confluent's {@code _schemas}: its records have another shape, and both may share a cluster. */
    public static final String DEFAULT_TOPIC = "fabric.schemas";

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public KafkaStoreOptions {
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new IllegalArgumentException("bootstrap must not be blank");
        }
        if (topic == null || !topic.matches("[a-zA-Z0-9._-]{1,249}")) {
            throw new IllegalArgumentException("topic must be a Kafka topic name, got '" + topic + "'");
        }
        if (replicationFactor == null || replicationFactor.filter(rf -> rf < 1).isPresent()) {
            throw new IllegalArgumentException("replicationFactor must be empty or >= 1, got " + replicationFactor);
        }
        if (transactionalId == null || transactionalId.isBlank()) {
            throw new IllegalArgumentException("transactionalId must not be blank");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
    }

    /** The defaults for {@code bootstrap}; the transactional id is derived from the topic. */
    public static KafkaStoreOptions of(String bootstrap) {
        return of(bootstrap, DEFAULT_TOPIC);
    }

    public static KafkaStoreOptions of(String bootstrap, String topic) {
        return new KafkaStoreOptions(
                bootstrap, topic, Optional.empty(), "fabric-schema-registry." + topic, DEFAULT_TIMEOUT);
    }
}
