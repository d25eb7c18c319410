package dev.computefabric.gateway;

import dev.computefabric.avro.CallStatus;
import dev.computefabric.avro.FuncCall;
import dev.computefabric.gateway.calls.CallRequestParser;
import dev.computefabric.gateway.calls.Calls;
import dev.computefabric.gateway.calls.FunctionChecks;
import dev.computefabric.gateway.kafka.KafkaClientConfig;
import dev.computefabric.gateway.tables.MultipartCalls;
import dev.computefabric.gateway.tables.OutputTables;
import dev.computefabric.gateway.tables.TableSweeps;
import dev.computefabric.gateway.tables.TableUploads;
import dev.computefabric.schemas.serde.FabricSerdes;
import dev.computefabric.tables.TableStore;
import dev.computefabric.tables.Tables;
import dev.computefabric.tables.retention.KafkaReferenceReader;
import dev.computefabric.tables.retention.TableJanitor;
import java.time.Clock;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires uploads, output downloads and the retention sweep of tables to the gateway's storage and Kafka clients. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({TableProperties.class, OutputProperties.class})
public class TablesConfiguration {

    @Bean
    TableUploads tableUploads(Tables tables) {
        return new TableUploads(tables);
    }

    @Bean
    MultipartCalls multipartCalls(CallRequestParser parser, TableUploads uploads, FunctionChecks checks) {
        return new MultipartCalls(parser, uploads, checks::requireKnown);
    }

    @Bean
    OutputTables outputTables(Calls calls, TableStore store) {
        return new OutputTables(calls, store);
    }

    @Bean
    TableJanitor tableJanitor(
            TableStore store, KafkaClientConfig kafka, FabricSerdes serdes, TableProperties properties, Clock clock) {
        KafkaReferenceReader references = new KafkaReferenceReader(
                () -> new KafkaConsumer<>(
                        kafka.tableReferencesConsumer(), new StringDeserializer(), new ByteArrayDeserializer()),
                serdes.deserializer(CallStatus.class),
                serdes.deserializer(FuncCall.class),
                properties.sweepTimeout(),
                Clock.systemUTC());
        return new TableJanitor(store, references, clock, properties.retention());
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "fabric.tables.sweep", havingValue = "true", matchIfMissing = true)
    TableSweeps tableSweeps(TableJanitor janitor, TableProperties properties) {
        return new TableSweeps(janitor, properties.sweepInterval()).start();
    }
}
