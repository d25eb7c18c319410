package dev.computefabric.registry.kafka;

import dev.computefabric.kafka.TopicProvisioningException;
import dev.computefabric.kafka.TopicReadiness;
import dev.computefabric.registry.SchemaStoreException;
import dev.computefabric.schemas.FabricCredentials;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Creates the schema topic if it is missing: one partition (one total order of all writes, which the
 * id protocol relies on) and {@code cleanup.policy=compact} (the latest value of each fact is kept forever).
 * Returns once the topic serves, so the registry's first write does not meet a partition without a leader.
 */
final class SchemaTopic {

    private SchemaTopic() {}

    static void ensure(KafkaStoreOptions options) {
        NewTopic topic = new NewTopic(options.topic(), Optional.of(1), options.replicationFactor())
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        TopicDescription existing;
        try (Admin admin = Admin.create(adminProperties(options))) {
            existing = TopicReadiness.createAndAwait(admin, List.of(topic), options.timeout())
                    .get(options.topic());
        } catch (TopicProvisioningException e) {
            throw new SchemaStoreException(
                    "cannot create or describe schema topic '" + options.topic() + "' on " + options.bootstrap() + ": "
                            + e.getMessage(),
                    e);
        }
        if (existing.partitions().size() != 1) {
            throw new SchemaStoreException(
                    "schema topic '" + options.topic() + "' has "
                            + existing.partitions().size() + " partitions; the registry needs exactly 1 "
                            + "(one order of writes). Delete it or pass another topic.",
                    null);
        }
    }

    private static Properties adminProperties(KafkaStoreOptions options) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrap());
        props.putAll(FabricCredentials.kafkaPropertiesFromEnvironment());
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int)
                options.timeout().toMillis());
        return props;
    }
}
