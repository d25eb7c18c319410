package dev.computefabric.router.errors;

import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what an exception thrown while processing a decoded record does to the router.
 *
 * <p>An exception from the router's own code (a bug, a record it cannot handle) would be thrown again
 * on every replay and stop every call behind it, so the record goes to the dead-letter topic and
 * processing goes on. An exception from Streams itself (a failed send or serialization, a store
 * error; all {@link StreamsException}s) or an unreachable registry says nothing about the record: the
 * thread fails, is replaced, and processes the record again.
 */
public final class ProcessingFailureHandler extends LogAndContinueProcessingExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProcessingFailureHandler.class);

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        if (exception instanceof StreamsException || TransientFailures.isRegistryUnreachable(exception)) {
            log.error(
                    "processing call {} failed in Streams or on the registry; failing so it is processed again",
                    record.key(),
                    exception);
            return Response.fail();
        }
        return super.handleError(context, record, exception);
    }
}
