package dev.computefabric.schemas.tokens;

import dev.computefabric.avro.ApiToken;
import dev.computefabric.schemas.FabricCredentials;
import dev.computefabric.schemas.Topics;
import dev.computefabric.schemas.serde.FabricSerdes;
import dev.computefabric.schemas.serde.SchemaRegistryClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Creates, revokes and lists API tokens on {@link Topics#TOKENS}: what {@code ./fabric tokens} does, and what a
 * secure start calls to mint its admin token. Every gateway follows the topic, so a token works, and stops working,
 * on all of them.
 */
public final class TokenAdmin {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Properties clientConfig;
    private final FabricSerdes serdes;
    private final Clock clock;

    /** A token as minted: the secret (show it once) and what the gateways store. */
    public record Issued(String token, ApiToken record) {
        /** Without the secret, for logs. */
        @Override
        public String toString() {
            return "Issued[tokenId=" + record.getTokenId() + ", principal=" + record.getPrincipal() + "]";
        }
    }

    /**
     * @param clientConfig Kafka client settings: at least {@code bootstrap.servers}; in a secured fabric, the
     *                     credentials of a principal allowed to write {@link Topics#TOKENS}
     */
    public TokenAdmin(Map<String, Object> clientConfig, String registryUrl, Clock clock) {
        this(clientConfig, FabricSerdes.forRegistry(registryUrl), clock);
    }

    private TokenAdmin(Map<String, Object> clientConfig, FabricSerdes serdes, Clock clock) {
        this.clientConfig = new Properties();
        this.clientConfig.putAll(clientConfig);
        this.serdes = serdes;
        this.clock = clock;
    }

    public static TokenAdmin forBootstrap(String bootstrap, String registryUrl) {
        return new TokenAdmin(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), registryUrl, Clock.systemUTC());
    }

    /** As {@code login} (a secure fabric's admin, say) on Kafka and on the schema registry; empty: no login. */
    public static TokenAdmin as(String bootstrap, String registryUrl, Optional<FabricCredentials> login) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        login.ifPresent(l -> config.putAll(l.kafkaProperties()));
        return new TokenAdmin(
                config, new FabricSerdes(new SchemaRegistryClient(registryUrl, login)), Clock.systemUTC());
    }

    /**
     * Mints a token for {@code principal} in {@code groups}, valid for {@code ttl} (empty: until revoked), and
     * returns once the broker stored its hash.
     */
    public Issued create(String principal, Collection<String> groups, Optional<Duration> ttl) {
        if (principal == null || principal.isBlank()) {
            throw new IllegalArgumentException("a token needs a principal, e.g. --principal alice");
        }
        String token = ApiTokens.mint();
        Instant now = clock.instant();
        ApiToken record = ApiToken.newBuilder()
                .setTokenId(ApiTokens.idOf(token))
                .setSha256(ApiTokens.sha256(token))
                .setPrincipal(principal.trim())
                .setGroups(List.copyOf(groups))
                .setCreatedAt(now)
                .setExpiresAt(ttl.map(now::plus).orElse(null))
                .build();
        send(record.getTokenId(), record);
        return new Issued(token, record);
    }

    /**
     * Revokes a token, named by its id or by the token itself. Returns false when no such token is stored
     * (nothing is written then).
     */
    public boolean revoke(String tokenOrId) {
        String id = ApiTokens.looksLikeToken(tokenOrId) ? ApiTokens.idOf(tokenOrId) : tokenOrId.trim();
        if (list().stream().noneMatch(token -> token.getTokenId().equals(id))) {
            return false;
        }
        send(id, null);
        return true;
    }

    /** Every token not revoked, expired ones included, oldest first. */
    public List<ApiToken> list() {
        Properties config = new Properties();
        config.putAll(clientConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "fabric-token-admin");
        try (KafkaConsumer<String, ApiToken> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), serdes.deserializer(ApiToken.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.TOKENS, TIMEOUT).stream()
                    .map(p -> new TopicPartition(Topics.TOKENS, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, TIMEOUT);
            Map<String, ApiToken> latest = new LinkedHashMap<>();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + Topics.TOKENS + " within " + TIMEOUT);
                }
                for (ConsumerRecord<String, ApiToken> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        latest.remove(record.key());
                    } else {
                        latest.put(record.key(), record.value());
                    }
                }
            }
            List<ApiToken> tokens = new ArrayList<>(latest.values());
            tokens.sort((a, b) -> a.getCreatedAt().compareTo(b.getCreatedAt()));
            return tokens;
        }
    }

    private void send(String tokenId, ApiToken value) {
        Properties config = new Properties();
        config.putAll(clientConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "fabric-token-admin");
        try (KafkaProducer<String, ApiToken> producer =
                new KafkaProducer<>(config, new StringSerializer(), serdes.serializer(ApiToken.class))) {
            producer.send(new ProducerRecord<>(Topics.TOKENS, tokenId, value))
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not write to " + Topics.TOKENS + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("could not write to " + Topics.TOKENS + " within " + TIMEOUT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing to " + Topics.TOKENS, e);
        }
    }
}
