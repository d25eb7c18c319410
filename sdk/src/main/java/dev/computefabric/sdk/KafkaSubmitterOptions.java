package dev.computefabric.sdk;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * How a {@link KafkaSubmitter} reaches the fabric.
 *
 * @param bootstrap   the fabric's brokers
 * @param registryUrl a Confluent-compatible schema registry (the fabric's, or your own Confluent one)
 * @param replyTopic  where the router sends this submitter's results; created (1 partition) if missing
 * @param timeout     default bound on a call, from produce to result
 * @param requirements capability tags every call also requires, besides its own (the test kit gives each test a
 *                     tag of its own this way); empty by default
 */
public record KafkaSubmitterOptions(
        String bootstrap, String registryUrl, String replyTopic, Duration timeout, List<String> requirements) {

    public static final String REPLY_TOPIC_PREFIX = "fabric.replies.sdk-";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public KafkaSubmitterOptions {
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new IllegalArgumentException("bootstrap must not be blank");
        }
        if (registryUrl == null || registryUrl.isBlank()) {
            throw new IllegalArgumentException("registryUrl must not be blank");
        }
        if (replyTopic == null || !replyTopic.matches("[a-zA-Z0-9._-]{1,249}")) {
            throw new IllegalArgumentException("replyTopic must be a Kafka topic name, got '" + replyTopic + "'");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        requirements = List.copyOf(requirements == null ? List.of() : requirements);
    }

    public KafkaSubmitterOptions(String bootstrap, String registryUrl, String replyTopic, Duration timeout) {
        this(bootstrap, registryUrl, replyTopic, timeout, List.of());
    }

    /** These options, with every call also requiring {@code tags}. */
    public KafkaSubmitterOptions requiring(String... tags) {
        return new KafkaSubmitterOptions(
                bootstrap, registryUrl, replyTopic, timeout, Requirements.union(requirements, Arrays.asList(tags)));
    }

    /** A reply topic of its own ({@code fabric.replies.sdk-<random>}) and the default timeout. */
    public static KafkaSubmitterOptions of(String bootstrap, String registryUrl) {
        return new KafkaSubmitterOptions(
                bootstrap, registryUrl, REPLY_TOPIC_PREFIX + UUID.randomUUID(), DEFAULT_TIMEOUT);
    }
}
