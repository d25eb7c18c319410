package dev.computefabric.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.computefabric.schemas.ContractSchemas;
import dev.computefabric.schemas.serde.SchemaRegistryClient;
import dev.computefabric.schemas.serde.SchemaRegistryUnavailableException;
import dev.computefabric.testing.TestSchemaRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SchemaProvisionerTest {

    @Test
    void everyValueSchemaOfTheContractIsRegisteredUnderItsFullName() throws Exception {
        try (TestSchemaRegistry registry = TestSchemaRegistry.start()) {
            var ids = new SchemaProvisioner(new SchemaRegistryClient(registry.url())).registerContract();

            assertThat(ids).hasSameSizeAs(ContractSchemas.VALUE_TYPES).containsKey("dev.computefabric.avro.FuncCall");
            assertThat(ids.values()).doesNotHaveDuplicates();
        }
    }

    @Test
    void aRegistryThatNeverAnswersFailsOnceTheTimeoutPassedSayingWhere() throws IOException {
        String nobody = "http://127.0.0.1:" + freePort();

        assertThatThrownBy(() -> new SchemaProvisioner(new SchemaRegistryClient(nobody), Duration.ofSeconds(1))
                        .registerContract())
                .isInstanceOf(SchemaRegistryUnavailableException.class)
                .hasMessageContaining("could not be registered in " + nobody)
                .hasMessageContaining("within PT1S");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
