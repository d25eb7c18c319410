package dev.computefabric.gateway.calls;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

class FailuresTest {

    @Test
    void transientKafkaErrorsMeanRetryLater() {
        assertThat(Failures.of("publish", new TimeoutException("no metadata")))
                .isInstanceOf(FabricUnavailableException.class)
                .hasMessageContaining("Kafka is unavailable");
        assertThat(Failures.of("publish", new NotEnoughReplicasException("isr")))
                .isInstanceOf(FabricUnavailableException.class);
    }

    @Test
    void kafkaErrorsThatRetryingCannotFixAreTheFabricsFault() {
        assertThat(Failures.of("create topic x+y", new InvalidTopicException("invalid topic")))
                .isInstanceOf(FabricRefusedException.class)
                .hasMessageContaining("retrying will not help");
    }

    @Test
    void aRecordTooLargeIsTheClientsToFix() {
        assertThat(Failures.of("publish", new RecordTooLargeException("too big")))
                .isInstanceOf(CallTooLargeException.class);
    }

    @Test
    void namesTheDependencyThatFailed() {
        assertThat(Failures.of("publish", new SerializationException("registry down", new ConnectException())))
                .hasMessageContaining("the schema registry is unavailable");
        assertThat(Failures.of("store", SdkClientException.create("connection refused")))
                .hasMessageContaining("table storage (S3) is unavailable");
    }

    @Test
    void looksThroughFutureWrappers() {
        GatewayException known = new CallNotFoundException("c1");
        assertThat(Failures.of("x", new CompletionException(new ExecutionException(known))))
                .isSameAs(known);
    }
}
