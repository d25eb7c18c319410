package dev.computefabric.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.computefabric.schemas.ContractSchemas;
import dev.computefabric.testing.TestSchemaRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** A gateway registers the contract's schemas when it starts, before its first call. */
class ContractRegistrationAtStartTest {

    private static GatewayProperties withRegistry(String url) {
        return new Binder(new MapConfigurationPropertySource(Map.of("fabric.registry", url)))
                .bindOrCreate("fabric", GatewayProperties.class);
    }

    @Test
    void theSerdesBeanRegistersEveryValueSchemaOfTheContract() throws Exception {
        try (TestSchemaRegistry registry = TestSchemaRegistry.start()) {
            new GatewayConfiguration().fabricSerdes(withRegistry(registry.url()));

            // One registration per value schema (what each sends: ContractSchemasTest).
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(registry.requests()).isEqualTo(ContractSchemas.VALUE_TYPES.size()));
        }
    }

    @Test
    void aRegistryThatDoesNotAnswerAtStartDoesNotStopTheGateway() throws IOException {
        int nobody;
        try (ServerSocket socket = new ServerSocket(0)) {
            nobody = socket.getLocalPort();
        }

        assertThat(new GatewayConfiguration().fabricSerdes(withRegistry("http://127.0.0.1:" + nobody)))
                .isNotNull();
    }
}
