package dev.computefabric.gateway;

import dev.computefabric.avro.Pipeline;
import dev.computefabric.avro.PipelineStatus;
import dev.computefabric.gateway.calls.CallFactory;
import dev.computefabric.gateway.calls.CallGuard;
import dev.computefabric.gateway.calls.FunctionChecks;
import dev.computefabric.gateway.calls.PendingReplies;
import dev.computefabric.gateway.kafka.GatewayTopics;
import dev.computefabric.gateway.kafka.KafkaClientConfig;
import dev.computefabric.gateway.kafka.KafkaControlPublisher;
import dev.computefabric.gateway.kafka.KafkaPipelinePublisher;
import dev.computefabric.gateway.kafka.StatusListener;
import dev.computefabric.gateway.pipelines.FabricPipelines;
import dev.computefabric.gateway.pipelines.PipelineAdmission;
import dev.computefabric.gateway.pipelines.PipelineCancellations;
import dev.computefabric.gateway.pipelines.PipelineFactory;
import dev.computefabric.gateway.pipelines.PipelineWaits;
import dev.computefabric.gateway.pipelines.RecentPipelines;
import dev.computefabric.schemas.Topics;
import dev.computefabric.schemas.serde.FabricSerdes;
import java.time.Clock;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the pipelines core ({@code gateway/pipelines}) to Kafka and to the call handling it reuses. */
@Configuration(proxyBeanMethods = false)
public class PipelinesConfiguration {

    @Bean
    RecentPipelines recentPipelines() {
        return new RecentPipelines(RecentPipelines.DEFAULT_MAX_ENTRIES);
    }

    /** Shares the calls' pending replies: a pipeline's end comes as a result on the same reply topic. */
    @Bean
    PipelineWaits pipelineWaits(RecentPipelines recent, PendingReplies pending) {
        return new PipelineWaits(recent, pending);
    }

    @Bean(destroyMethod = "close")
    KafkaPipelinePublisher pipelinePublisher(KafkaClientConfig kafka, FabricSerdes serdes) {
        return new KafkaPipelinePublisher(
                new KafkaProducer<>(kafka.producer(), new StringSerializer(), serdes.serializer(Pipeline.class)));
    }

    /** With security on, each step is checked against the policy's grants, as a call of its function would be. */
    @Bean
    FabricPipelines fabricPipelines(
            CallFactory calls,
            GatewayProperties properties,
            Clock clock,
            FunctionChecks checks,
            ObjectProvider<CallGuard> guard,
            GatewayTopics topics,
            KafkaPipelinePublisher publisher,
            RecentPipelines recent,
            PipelineWaits waits) {
        return new FabricPipelines(
                new PipelineFactory(calls, properties.replyTopic(), clock),
                new PipelineAdmission(checks, guard.getIfAvailable(() -> CallGuard.OPEN), topics),
                publisher,
                recent,
                waits);
    }

    /** On the calls' control producer, to the pipelines' own control topic. */
    @Bean
    PipelineCancellations pipelineCancellations(
            PipelineWaits waits, KafkaControlPublisher control, GatewayProperties properties, Clock clock) {
        return new PipelineCancellations(waits, control.to(Topics.PIPELINES_CONTROL), properties.gatewayId(), clock);
    }

    /** Follows fabric.pipelines.status, so this gateway answers for pipelines accepted anywhere. */
    @Bean(destroyMethod = "close")
    StatusListener<PipelineStatus> pipelineStatusListener(
            KafkaClientConfig kafka, FabricSerdes serdes, PipelineWaits waits) {
        StatusListener<PipelineStatus> listener = new StatusListener<>(
                new KafkaConsumer<>(
                        kafka.pipelineStatusConsumer(),
                        new StringDeserializer(),
                        serdes.deserializer(PipelineStatus.class)),
                Topics.PIPELINES_STATUS,
                "pipeline status",
                "gateway-pipelines-status",
                waits::onStatus);
        listener.start();
        return listener;
    }
}
