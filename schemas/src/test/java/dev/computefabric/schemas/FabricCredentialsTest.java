package dev.computefabric.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FabricCredentialsTest {

    private final FabricCredentials gateway = new FabricCredentials("gateway", "pa55word");

    @Test
    void aKafkaClientLogsInWithScramOverSasl() {
        assertThat(gateway.kafkaProperties())
                .containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry(
                        "sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"gateway\""
                                + " password=\"pa55word\";");
    }

    @Test
    void theRegistryGetsTheSameLoginAsHttpBasic() {
        // base64("gateway:pa55word")
        assertThat(gateway.basicAuthorization()).isEqualTo("Basic Z2F0ZXdheTpwYTU1d29yZA==");
    }

    @Test
    void aProcessFindsItsCredentialsInItsEnvironmentOrRunsPlaintext() {
        assertThat(FabricCredentials.fromEnvironment(gateway.environment())).contains(gateway);
        assertThat(FabricCredentials.fromEnvironment(Map.of())).isEmpty();
        assertThatThrownBy(() -> FabricCredentials.fromEnvironment(Map.of(FabricCredentials.USER_ENV, "gateway")))
                .hasMessageContaining(FabricCredentials.PASSWORD_ENV);
    }

    @Test
    void thePasswordNeverShowsInTextAndCannotBreakTheJaasLine() {
        assertThat(gateway.toString()).doesNotContain("pa55word");
        assertThatThrownBy(() -> new FabricCredentials("gateway", "x\" user_admin=\"y"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("user_admin");
    }
}
