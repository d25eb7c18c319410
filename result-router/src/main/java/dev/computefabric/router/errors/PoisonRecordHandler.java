package dev.computefabric.router.errors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what a record that cannot be decoded does to the router.
 *
 * <p>Anyone with a Kafka producer may write to a capability topic, so a malformed record must not stop
 * routing for everyone: it is logged and written, raw, to the dead-letter topic (Streams adds the
 * exception to its headers), and processing goes on. But a record that fails because the schema registry
 * cannot be reached is not poison: skipping it would lose a valid call or result, so the thread fails and
 * is replaced, and the record is read again once the registry answers.
 */
public final class PoisonRecordHandler extends LogAndContinueExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(PoisonRecordHandler.class);

    @Override
    public Response handleError(
            ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        if (TransientFailures.isRegistryUnreachable(exception)) {
            log.error(
                    "cannot decode {}-{}@{}: schema registry unreachable; failing rather than skipping a valid record",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    exception);
            return Response.fail();
        }
        return super.handleError(context, record, exception);
    }
}
