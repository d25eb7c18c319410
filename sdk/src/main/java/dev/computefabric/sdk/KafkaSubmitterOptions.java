package dev.computefabric.sdk;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * How a {@link KafkaSubmitter} reaches the fabric.
 *
 * @param bootstrap   the fabric's brokers
 * @param registryUrl a Confluent-compatible schema registry (the fabric's, or your own Confluent one)
 * @param replyTopic  where the router sends this submitter's results; created (1 partition) if missing
 * @param timeout     default bound on a call, from produce to result
 * @param requirements capability tags every call also requires, besides its own (the test kit gives each test a
 *                     tag of its own this way); empty by default
 * @param clientProperties further Kafka client settings, given to the submitter's producer, consumer and admin: the
 *                     login to a secure fabric ({@code security.protocol}, {@code sasl.*}), TLS, client ids. The
 *                     submitter's own guarantees (acks, idempotence, no auto-commit) are not overridden. Empty by
 *                     default; {@link #fromProperties} reads them from {@code ./fabric up --secure}'s caller.properties
 */
public record KafkaSubmitterOptions(
        String bootstrap,
        String registryUrl,
        String replyTopic,
        Duration timeout,
        List<String> requirements,
        Map<String, String> clientProperties) {

    public static final String REPLY_TOPIC_PREFIX = "fabric.replies.sdk-";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** The registry's key in a client properties file, as Confluent's serializers name it. */
    public static final String REGISTRY_URL_PROPERTY = "schema.registry.url";

    private static final String MASKED = "[hidden]";

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
        clientProperties = Map.copyOf(clientProperties == null ? Map.of() : clientProperties);
        for (String key : List.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, REGISTRY_URL_PROPERTY)) {
            if (clientProperties.containsKey(key)) {
                throw new IllegalArgumentException(
                        "clientProperties must not hold " + key + ": it is the bootstrap or registryUrl option");
            }
        }
    }

    public KafkaSubmitterOptions(
            String bootstrap, String registryUrl, String replyTopic, Duration timeout, List<String> requirements) {
        this(bootstrap, registryUrl, replyTopic, timeout, requirements, Map.of());
    }

    public KafkaSubmitterOptions(String bootstrap, String registryUrl, String replyTopic, Duration timeout) {
        this(bootstrap, registryUrl, replyTopic, timeout, List.of());
    }

    /** These options, with every call also requiring {@code tags}. */
    public KafkaSubmitterOptions requiring(String... tags) {
        return new KafkaSubmitterOptions(
                bootstrap,
                registryUrl,
                replyTopic,
                timeout,
                Requirements.union(requirements, Arrays.asList(tags)),
                clientProperties);
    }

    /** These options, with {@code properties} added to the Kafka client settings (a later value of a key wins). */
    public KafkaSubmitterOptions withClientProperties(Map<String, String> properties) {
        Map<String, String> merged = new TreeMap<>(clientProperties);
        merged.putAll(properties);
        return new KafkaSubmitterOptions(bootstrap, registryUrl, replyTopic, timeout, requirements, merged);
    }

    /** These options, with another bound on each call. */
    public KafkaSubmitterOptions withTimeout(Duration value) {
        return new KafkaSubmitterOptions(bootstrap, registryUrl, replyTopic, value, requirements, clientProperties);
    }

    /** A reply topic of its own ({@code fabric.replies.sdk-<random>}) and the default timeout. */
    public static KafkaSubmitterOptions of(String bootstrap, String registryUrl) {
        return new KafkaSubmitterOptions(
                bootstrap, registryUrl, REPLY_TOPIC_PREFIX + UUID.randomUUID(), DEFAULT_TIMEOUT);
    }

    /**
     * Options from a Kafka client properties file, such as the {@code <data-dir>/secrets/caller.properties} that
     * {@code ./fabric up --secure} writes: {@code bootstrap.servers} and {@link #REGISTRY_URL_PROPERTY} are required,
     * every other entry becomes a {@link #clientProperties() client property}; a reply topic of its own and the
     * default timeout, as {@link #of}.
     */
    public static KafkaSubmitterOptions fromProperties(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Kafka client properties " + file, e);
        }
        Map<String, String> settings = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> settings.put(key, properties.getProperty(key)));
        String bootstrap = settings.remove(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        String registryUrl = settings.remove(REGISTRY_URL_PROPERTY);
        if (bootstrap == null || registryUrl == null) {
            throw new IllegalArgumentException(file + " must name both " + CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG
                    + " and " + REGISTRY_URL_PROPERTY);
        }
        return of(bootstrap, registryUrl).withClientProperties(settings);
    }

    /** Whether the client properties name a security protocol: without one, clients connect in plaintext. */
    boolean logsIn() {
        return clientProperties.containsKey(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG);
    }

    /** Never prints a secret: {@code sasl.jaas.config} and every {@code *password*} setting are masked. */
    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>();
        clientProperties.forEach((key, value) -> shown.put(key, secret(key) ? MASKED : value));
        return "KafkaSubmitterOptions[bootstrap=" + bootstrap + ", registryUrl=" + registryUrl + ", replyTopic="
                + replyTopic + ", timeout=" + timeout + ", requirements=" + requirements + ", clientProperties="
                + shown + "]";
    }

    private static boolean secret(String key) {
        return key.equals(SaslConfigs.SASL_JAAS_CONFIG)
                || key.toLowerCase(Locale.ROOT).contains("password");
    }
}
