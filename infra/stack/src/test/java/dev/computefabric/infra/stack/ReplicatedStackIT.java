package dev.computefabric.infra.stack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./fabric up --brokers 3}: three KRaft nodes, every topic replicated three times, one node may die. */
class ReplicatedStackIT {

    private static final Duration GENEROUS = Duration.ofSeconds(90);

    @TempDir
    Path dataDir;

    @Test
    void threeBrokersKeepThreeReplicasOfEveryTopicAndTakeWritesWhileOneIsDown() throws Exception {
        try (EmbeddedStack stack = EmbeddedStack.builder()
                        .dataDir(dataDir)
                        .brokers(3)
                        .build()
                        .start();
                Admin admin = StackClients.admin(stack);
                KafkaProducer<String, String> producer = StackClients.producer(stack)) {
            assertThat(stack.brokers()).extracting(ChildJvm::name).containsExactly("kafka-1", "kafka-2", "kafka-3");
            assertThat(stack.bootstrap().split(",")).hasSize(3);
            List<String> topics = List.of(Topics.RESULTS, Topics.STATUS, Topics.CONTROL, Topics.DLQ);
            producer.send(new ProducerRecord<>(Topics.CONTROL, "k", "before")).get(60, TimeUnit.SECONDS);
            Map<String, TopicDescription> described =
                    admin.describeTopics(topics).allTopicNames().get();
            described
                    .values()
                    .forEach(topic -> assertThat(topic.partitions())
                            .as(topic.name())
                            .allSatisfy(p -> assertThat(p.replicas()).hasSize(3)));
            Config control = admin.describeConfigs(
                            List.of(new ConfigResource(ConfigResource.Type.TOPIC, Topics.CONTROL)))
                    .all()
                    .get()
                    .values()
                    .iterator()
                    .next();
            assertThat(control.get("min.insync.replicas").value()).isEqualTo("2");

            stack.brokers().get(1).kill();
            for (int i = 0; i < 20; i++) {
                producer.send(new ProducerRecord<>(Topics.CONTROL, "k" + i, "while node 2 is down"))
                        .get(GENEROUS.toSeconds(), TimeUnit.SECONDS);
            }

            ChildJvm back = stack.restartBroker(2);
            assertThat(back.isAlive()).isTrue();
            producer.send(new ProducerRecord<>(Topics.CONTROL, "k", "after")).get(60, TimeUnit.SECONDS);
        }
    }
}
