package dev.computefabric.registry.kafka;

import dev.computefabric.registry.SchemaStoreException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the schema topic if it is missing: one partition (one total order of all writes, which the
 * id protocol relies on) and {@code cleanup.policy=compact} (the latest value of each fact is kept forever).
 */
final class SchemaTopic {

    private SchemaTopic() {
    }

    static void ensure(KafkaStoreOptions options) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrap());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) options.timeout().toMillis());
        long timeoutMs = options.timeout().toMillis();
        try (Admin admin = Admin.create(props)) {
            NewTopic topic = new NewTopic(options.topic(), Optional.of(1), options.replicationFactor())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
            try {
                admin.createTopics(List.of(topic)).all().get(timeoutMs, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            TopicDescription existing = admin.describeTopics(List.of(options.topic())).allTopicNames()
                    .get(timeoutMs, TimeUnit.MILLISECONDS).get(options.topic());
            if (existing.partitions().size() != 1) {
                throw new SchemaStoreException("schema topic '" + options.topic() + "' has "
                        + existing.partitions().size() + " partitions; the registry needs exactly 1 "
                        + "(one order of writes). Delete it or pass another topic.", null);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new SchemaStoreException("cannot create or describe schema topic '" + options.topic() + "' on "
                    + options.bootstrap() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaStoreException("interrupted while creating the schema topic", e);
        }
    }
}
