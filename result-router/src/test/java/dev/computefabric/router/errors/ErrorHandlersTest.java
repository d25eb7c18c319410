package dev.computefabric.router.errors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.computefabric.schemas.Topics;
import dev.computefabric.schemas.serde.SchemaRegistryUnavailableException;
import java.lang.reflect.Proxy;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

/** Which failures skip a record (dead-letter it) and which stop the thread so it is processed again. */
class ErrorHandlersTest {

    private static final ErrorHandlerContext CONTEXT = (ErrorHandlerContext) Proxy.newProxyInstance(
            ErrorHandlersTest.class.getClassLoader(),
            new Class<?>[] {ErrorHandlerContext.class},
            (proxy, method, args) -> zeroOrNull(method.getReturnType()));

    @Test
    void aReplyThatCannotBeDeliveredIsSkippedBecauseTheStatusTopicHoldsTheCompletion() {
        ReplyFailureHandler handler = productionHandler();

        var response = handler.handleError(CONTEXT, produced("fabric.replies.gone"), new InvalidTopicException("gone"));

        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
    }

    @Test
    void aReplyToATopicThatDoesNotExistIsSkippedButAPassingBrokerFailureIsRetried() {
        ReplyFailureHandler handler = productionHandler();
        var missing = new TimeoutException(
                "Topic fabric.replies.gone not present in metadata after 5000 ms.",
                new UnknownTopicOrPartitionException("This server does not host this topic-partition."));

        assertThat(handler.handleError(CONTEXT, produced("fabric.replies.gone"), missing)
                        .result())
                .isEqualTo(ProductionExceptionHandler.Result.RESUME);
        assertThat(handler.handleError(CONTEXT, produced("fabric.replies.gw-1"), new TimeoutException("broker away"))
                        .result())
                .isEqualTo(ProductionExceptionHandler.Result.RETRY);
    }

    @Test
    void aStatusOrChangelogThatCannotBeWrittenStillFailsTheThread() {
        ReplyFailureHandler handler = productionHandler();

        assertThat(handler.handleError(CONTEXT, produced(Topics.STATUS), new RecordTooLargeException("big"))
                        .result())
                .isEqualTo(ProductionExceptionHandler.Result.FAIL);
        assertThat(handler.handleError(
                                CONTEXT,
                                produced("fabric-router-call-status-changelog"),
                                new RecordTooLargeException("big"))
                        .result())
                .isEqualTo(ProductionExceptionHandler.Result.FAIL);
    }

    @Test
    void aRecordThatIsNotInTheWireFormatIsSkippedButAnUnreachableRegistryFails() {
        PoisonRecordHandler handler = new PoisonRecordHandler();
        handler.configure(Map.of());
        ConsumerRecord<byte[], byte[]> record =
                new ConsumerRecord<>("fabric.calls.any", 0, 0L, bytes("c1"), bytes("{}"));

        assertThat(handler.handleError(CONTEXT, record, new SerializationException("magic byte 123"))
                        .result())
                .isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        assertThat(handler.handleError(
                                CONTEXT,
                                record,
                                new SchemaRegistryUnavailableException(
                                        "registry unreachable", new ConnectException("refused")))
                        .result())
                .isEqualTo(DeserializationExceptionHandler.Result.FAIL);
        assertThat(handler.handleError(CONTEXT, record, new SchemaRegistryUnavailableException("HTTP 503"))
                        .result())
                .isEqualTo(DeserializationExceptionHandler.Result.FAIL);
    }

    @Test
    void aBugInTheProcessorSkipsTheRecordButAStreamsFailureIsRetried() {
        ProcessingFailureHandler handler = new ProcessingFailureHandler();
        handler.configure(Map.of());
        Record<String, String> record = new Record<>("c1", "v", 0L);

        assertThat(handler.handleError(CONTEXT, record, new IllegalStateException("bug"))
                        .result())
                .isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        assertThat(handler.handleError(CONTEXT, record, new StreamsException("send failed"))
                        .result())
                .isEqualTo(ProcessingExceptionHandler.Result.FAIL);
    }

    /** The handlers only log the context; primitives must not be null. */
    private static Object zeroOrNull(Class<?> type) {
        if (type == int.class) {
            return 0;
        }
        return type == long.class ? (Object) 0L : null;
    }

    private static ReplyFailureHandler productionHandler() {
        ReplyFailureHandler handler = new ReplyFailureHandler();
        handler.configure(Map.of(StreamsConfig.APPLICATION_ID_CONFIG, "fabric-router"));
        return handler;
    }

    private static ProducerRecord<byte[], byte[]> produced(String topic) {
        return new ProducerRecord<>(topic, bytes("c1"), bytes("{}"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
