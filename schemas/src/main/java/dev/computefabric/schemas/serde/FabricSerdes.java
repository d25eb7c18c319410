package dev.computefabric.schemas.serde;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Serdes for fabric events, in the Confluent wire format against one schema registry.
 *
 * <pre>{@code
 * FabricSerdes serdes = FabricSerdes.forRegistry("http://127.0.0.1:8081");
 * Producer<String, FuncCall> producer =
 *         new KafkaProducer<>(props, new StringSerializer(), serdes.serializer(FuncCall.class));
 * }</pre>
 */
public final class FabricSerdes {

    private final SchemaRegistryClient registry;

    public FabricSerdes(SchemaRegistryClient registry) {
        SpecificRecords.trustGeneratedClasses();
        this.registry = registry;
    }

    public static FabricSerdes forRegistry(String registryUrl) {
        return new FabricSerdes(SchemaRegistryClient.shared(registryUrl));
    }

    public SchemaRegistryClient registry() {
        return registry;
    }

    public <T extends SpecificRecord> AvroSerializer<T> serializer(Class<T> type) {
        return new AvroSerializer<>(type, registry);
    }

    public <T extends SpecificRecord> AvroDeserializer<T> deserializer(Class<T> type) {
        return new AvroDeserializer<>(type, registry);
    }

    public <T extends SpecificRecord> Serde<T> serde(Class<T> type) {
        return Serdes.serdeFrom(serializer(type), deserializer(type));
    }
}
