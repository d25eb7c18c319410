package dev.computefabric.gateway.calls;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns what the infrastructure throws into what the client is told, in one place: a record that is too
 * large is the client's to fix; a Kafka error that retrying cannot fix is the fabric's fault; everything
 * else means a dependency is down, so retry later.
 */
public final class Failures {

    private Failures() {}

    /** The failure of {@code action} (e.g. "publish call 1234 to fabric.calls.any") as a gateway exception. */
    public static GatewayException of(String action, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof GatewayException known) {
            return known;
        }
        if (cause instanceof RecordTooLargeException) {
            return new CallTooLargeException(
                    "the call is too large to " + action + ": " + cause.getMessage()
                            + "; send large data as a table, which the gateway moves to storage by reference",
                    cause);
        }
        if (cause instanceof ApiException && !(cause instanceof RetriableException)) {
            return new FabricRefusedException(
                    "cannot " + action + ": Kafka refused (" + cause.getClass().getSimpleName() + ": "
                            + cause.getMessage() + "); retrying will not help, tell the fabric's operators",
                    cause);
        }
        String dependency;
        if (cause instanceof SerializationException) {
            dependency = "the schema registry";
        } else if (cause instanceof SdkException) {
            dependency = "table storage (S3)";
        } else {
            dependency = "Kafka";
        }
        return new FabricUnavailableException(
                "cannot " + action + ": " + dependency + " is unavailable ("
                        + cause.getClass().getSimpleName() + ": " + cause.getMessage() + "); retry later",
                cause);
    }

    /** The exception a future failed with, without the wrappers futures add. */
    public static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
