package dev.computefabric.infra.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class ServerPropertiesTest {

    @Test
    void clientAddressIsTheFirstListenerThatIsNotAController() {
        ServerProperties config = config(
                "listeners", "CONTROLLER://127.0.0.1:9093,PLAINTEXT://127.0.0.1:9092",
                "controller.listener.names", "CONTROLLER",
                "node.id", "1");

        assertThat(config.clientAddress()).isEqualTo("127.0.0.1:9092");
        assertThat(config.nodeId()).isEqualTo(1);
    }

    @Test
    void advertisedListenersWinOverBindListeners() {
        ServerProperties config = config(
                "listeners", "PLAINTEXT://0.0.0.0:9092,CONTROLLER://127.0.0.1:9093",
                "advertised.listeners", "PLAINTEXT://broker.local:9092",
                "controller.listener.names", "CONTROLLER");

        assertThat(config.clientAddress()).isEqualTo("broker.local:9092");
    }

    @Test
    void aConfigWithOnlyControllerListenersIsRejectedWithTheListenersItSaw() {
        ServerProperties config = config(
                "listeners", "CONTROLLER://127.0.0.1:9093",
                "controller.listener.names", "CONTROLLER");

        assertThatThrownBy(config::clientAddress).hasMessageContaining("CONTROLLER://127.0.0.1:9093");
    }

    @Test
    void argumentsNameTheConfigFileAndOptionallyTheClusterId() {
        BrokerMain.BrokerArgs args =
                BrokerMain.BrokerArgs.parse(new String[] {BrokerMain.FORMAT_OPTION, "abc", "server.properties"});

        assertThat(args.serverProperties()).hasToString("server.properties");
        assertThat(args.clusterId()).contains("abc");
        assertThatThrownBy(() -> BrokerMain.BrokerArgs.parse(new String[0])).hasMessageContaining("usage");
    }

    @Test
    void theReadinessProbeLogsInAsTheBrokerOnASaslListenerAndNotAtAllOnAPlaintextOne() {
        String jaas = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"broker\""
                + " password=\"p\";";
        ServerProperties secure = config(
                "listeners", "SASL_PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093",
                "controller.listener.names", "CONTROLLER",
                "listener.security.protocol.map", "CONTROLLER:SASL_PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT",
                "sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512",
                "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config", jaas);
        ServerProperties plaintext = config(
                "listeners", "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093",
                "controller.listener.names", "CONTROLLER",
                "listener.security.protocol.map", "CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT");

        assertThat(secure.clientSecurity())
                .containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", jaas);
        assertThat(plaintext.clientSecurity()).isEmpty();
    }

    private static ServerProperties config(String... keysAndValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new ServerProperties(properties);
    }
}
