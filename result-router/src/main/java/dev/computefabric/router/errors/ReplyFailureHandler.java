package dev.computefabric.router.errors;

import dev.computefabric.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.DefaultProductionExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one caller's broken reply topic from stopping the router.
 *
 * <p>The reply topic is whatever the call's {@code replyTo} names. If it does not exist (topics are not
 * auto-created) or is not a legal name, Streams' default handler retries forever and the router routes
 * nothing else. A reply is never the only copy of a completion: the terminal status, result included,
 * is on {@code fabric.status}. So a reply to a missing or illegal topic, or one that failed for good,
 * is logged and skipped. A passing failure (broker unreachable) keeps the default: retried, because
 * a replay would not bring the reply back (the replayed result finds its call terminal and is dropped).
 * Failures on the fabric's own topics ({@code fabric.status}, calls, results, the cache's) and the router's
 * changelogs always keep the default handling.
 */
public final class ReplyFailureHandler extends DefaultProductionExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ReplyFailureHandler.class);

    private String internalTopicPrefix = "";

    @Override
    public void configure(Map<String, ?> configs) {
        super.configure(configs);
        Object applicationId = configs.get(StreamsConfig.APPLICATION_ID_CONFIG);
        // Changelog and other internal topics are named <application.id>-...
        internalTopicPrefix = applicationId == null ? "" : applicationId + "-";
    }

    @Override
    public Response handleError(
            ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        if (!isReplyTopic(record.topic()) || (exception instanceof RetriableException && !isMissingTopic(exception))) {
            return super.handleError(context, record, exception);
        }
        String callId = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        log.warn(
                "cannot deliver the reply of call {} to {} (the completion stays on {}): {}",
                callId,
                record.topic(),
                Topics.STATUS,
                exception.toString());
        return Response.resume();
    }

    private boolean isReplyTopic(String topic) {
        boolean fabricOwn = topic.equals(Topics.STATUS)
                || topic.equals(Topics.DLQ)
                || topic.equals(Topics.RESULTS)
                || topic.startsWith(Topics.CALLS_PREFIX)
                || topic.startsWith(Topics.CACHE_PREFIX);
        return !fabricOwn && (internalTopicPrefix.isEmpty() || !topic.startsWith(internalTopicPrefix));
    }

    /** The producer reports a missing topic as a metadata timeout caused by UNKNOWN_TOPIC_OR_PARTITION. */
    private static boolean isMissingTopic(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownTopicOrPartitionException) {
                return true;
            }
        }
        return false;
    }
}
