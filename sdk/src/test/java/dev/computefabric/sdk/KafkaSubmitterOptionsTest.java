package dev.computefabric.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaSubmitterOptionsTest {

    private static final String JAAS =
            "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"caller\" password=\"s3cret\";";

    @TempDir
    Path dir;

    @Test
    void theExistingFactoriesStillMakeOptionsWithoutClientProperties() {
        KafkaSubmitterOptions options = KafkaSubmitterOptions.of("k:9092", "http://r:8081");
        KafkaSubmitterOptions four =
                new KafkaSubmitterOptions("k:9092", "http://r:8081", "replies", Duration.ofSeconds(5));
        KafkaSubmitterOptions five =
                new KafkaSubmitterOptions("k:9092", "http://r:8081", "replies", Duration.ofSeconds(5), List.of("gpu"));

        assertThat(options.replyTopic()).startsWith(KafkaSubmitterOptions.REPLY_TOPIC_PREFIX);
        assertThat(options.clientProperties()).isEmpty();
        assertThat(four.clientProperties()).isEmpty();
        assertThat(five.requirements()).containsExactly("gpu");
        assertThat(five.clientProperties()).isEmpty();
    }

    @Test
    void clientPropertiesAreAddedAndKeptThroughEveryWither() {
        KafkaSubmitterOptions options = KafkaSubmitterOptions.of("k:9092", "http://r:8081")
                .withClientProperties(Map.of("security.protocol", "SASL_PLAINTEXT", "client.id", "a"))
                .withClientProperties(Map.of("client.id", "b"))
                .requiring("python")
                .withTimeout(Duration.ofSeconds(7));

        assertThat(options.clientProperties())
                .containsExactlyInAnyOrderEntriesOf(Map.of("security.protocol", "SASL_PLAINTEXT", "client.id", "b"));
        assertThat(options.requirements()).containsExactly("python");
        assertThat(options.timeout()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void theBootstrapAndRegistryAreOptionsOfTheirOwnNotClientProperties() {
        KafkaSubmitterOptions options = KafkaSubmitterOptions.of("k:9092", "http://r:8081");

        assertThatThrownBy(() -> options.withClientProperties(Map.of("bootstrap.servers", "other:9092")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bootstrap.servers");
        assertThatThrownBy(() -> options.withClientProperties(Map.of("schema.registry.url", "http://other")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schema.registry.url");
    }

    @Test
    void aCallerPropertiesFileGivesBootstrapRegistryAndTheLogin() throws Exception {
        Path file = dir.resolve("caller.properties");
        Files.writeString(
                file,
                String.join(
                        "\n",
                        "# written by the launcher",
                        "bootstrap.servers=127.0.0.1:9092",
                        "sasl.jaas.config=" + JAAS,
                        "sasl.mechanism=SCRAM-SHA-512",
                        "security.protocol=SASL_PLAINTEXT",
                        "schema.registry.url=http://127.0.0.1:8081",
                        ""));

        KafkaSubmitterOptions options = KafkaSubmitterOptions.fromProperties(file);

        assertThat(options.bootstrap()).isEqualTo("127.0.0.1:9092");
        assertThat(options.registryUrl()).isEqualTo("http://127.0.0.1:8081");
        assertThat(options.replyTopic()).startsWith(KafkaSubmitterOptions.REPLY_TOPIC_PREFIX);
        assertThat(options.timeout()).isEqualTo(KafkaSubmitterOptions.DEFAULT_TIMEOUT);
        assertThat(options.clientProperties())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "sasl.jaas.config", JAAS,
                        "sasl.mechanism", "SCRAM-SHA-512",
                        "security.protocol", "SASL_PLAINTEXT"));
        assertThat(options.logsIn()).isTrue();
    }

    @Test
    void aPropertiesFileWithoutBootstrapOrRegistryIsRefusedByName() throws Exception {
        Path file = dir.resolve("partial.properties");
        Files.writeString(file, "bootstrap.servers=127.0.0.1:9092\n");

        assertThatThrownBy(() -> KafkaSubmitterOptions.fromProperties(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schema.registry.url")
                .hasMessageContaining(file.toString());
    }

    @Test
    void optionsNeverPrintAPassword() {
        KafkaSubmitterOptions options = KafkaSubmitterOptions.of("k:9092", "http://r:8081")
                .withClientProperties(Map.of("sasl.jaas.config", JAAS, "ssl.truststore.password", "s3cret"));

        assertThat(options.toString())
                .doesNotContain("s3cret")
                .contains("sasl.jaas.config=[hidden]", "ssl.truststore.password=[hidden]", "k:9092");
    }

    @Test
    void everyClientGetsTheExtraSettingsButTheProducerKeepsItsGuarantees() {
        Map<String, String> extra = Map.of("security.protocol", "SASL_PLAINTEXT", "acks", "0");

        assertThat(SubmitterClientConfig.producer("k:9092", extra))
                .containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("acks", "all")
                .containsEntry("bootstrap.servers", "k:9092");
        assertThat(SubmitterClientConfig.replyConsumer("k:9092", extra))
                .containsEntry("security.protocol", "SASL_PLAINTEXT");
        assertThat(SubmitterClientConfig.admin("k:9092", extra)).containsEntry("security.protocol", "SASL_PLAINTEXT");
        assertThat(SubmitterClientConfig.producer("k:9092")).doesNotContainKey("security.protocol");
    }
}
