package dev.computefabric.gateway;

import dev.computefabric.avro.CallEvent;
import dev.computefabric.avro.ExecutorStatus;
import dev.computefabric.common.NamedThreads;
import dev.computefabric.common.Periodic;
import dev.computefabric.gateway.console.CallIndex;
import dev.computefabric.gateway.console.CallLogs;
import dev.computefabric.gateway.console.ChangeFeed;
import dev.computefabric.gateway.console.ExecutorDirectory;
import dev.computefabric.gateway.console.Throughput;
import dev.computefabric.gateway.kafka.EventsListener;
import dev.computefabric.gateway.kafka.ExecutorsListener;
import dev.computefabric.gateway.kafka.KafkaClientConfig;
import dev.computefabric.schemas.Topics;
import dev.computefabric.schemas.serde.FabricSerdes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires what the web console reads: the call list (fed by the status listener, see
 * {@link GatewayConfiguration#statusListener}), its change stream, the throughput series, the executors from
 * {@code fabric.executors} and the log lines from {@code fabric.events}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsoleProperties.class)
public class ConsoleConfiguration {

    /** How often the table's change stream sends what changed: often enough to look live, rarely enough to batch. */
    static final Duration CHANGE_FLUSH_INTERVAL = Duration.ofMillis(250);

    static final Duration QUEUED_SAMPLE_INTERVAL = Duration.ofSeconds(1);

    @Bean
    Throughput throughput(Clock clock) {
        return new Throughput(clock);
    }

    @Bean
    ChangeFeed changeFeed() {
        return new ChangeFeed();
    }

    @Bean
    CallIndex callIndex(ConsoleProperties properties, Throughput throughput, ChangeFeed feed) {
        return new CallIndex(properties.maxCalls(), properties.maxBytes(), List.of(throughput::onChange, feed));
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService consoleTimer(ChangeFeed feed, Throughput throughput, CallIndex index) {
        ScheduledExecutorService timer =
                Executors.newSingleThreadScheduledExecutor(NamedThreads.named("gateway-console"));
        timer.scheduleWithFixedDelay(
                Periodic.surviving("the console's change feed", feed::flush),
                CHANGE_FLUSH_INTERVAL.toMillis(),
                CHANGE_FLUSH_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        timer.scheduleAtFixedRate(
                Periodic.surviving(
                        "the console's queued-calls sample", () -> throughput.sample(index.queuedByCapset())),
                0,
                QUEUED_SAMPLE_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        return timer;
    }

    @Bean
    ExecutorDirectory executorDirectory(Clock clock, ConsoleProperties properties) {
        return new ExecutorDirectory(clock, properties.executorStaleAfter());
    }

    @Bean(destroyMethod = "close")
    ExecutorsListener executorsListener(KafkaClientConfig kafka, FabricSerdes serdes, ExecutorDirectory directory) {
        ExecutorsListener listener = new ExecutorsListener(
                new KafkaConsumer<>(
                        kafka.executorsConsumer(), new StringDeserializer(), serdes.deserializer(ExecutorStatus.class)),
                Topics.EXECUTORS,
                directory::onStatus);
        listener.start();
        return listener;
    }

    @Bean
    CallLogs callLogs(ConsoleProperties properties) {
        return new CallLogs(properties.logLinesPerCall(), properties.logCalls());
    }

    @Bean(destroyMethod = "close")
    EventsListener eventsListener(KafkaClientConfig kafka, FabricSerdes serdes, CallLogs logs) {
        EventsListener listener = new EventsListener(
                new KafkaConsumer<>(
                        kafka.eventsConsumer(), new StringDeserializer(), serdes.deserializer(CallEvent.class)),
                Topics.EVENTS,
                logs::onEvent);
        listener.start();
        return listener;
    }
}
