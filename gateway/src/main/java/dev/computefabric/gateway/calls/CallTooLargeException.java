package dev.computefabric.gateway.calls;

/** The call does not fit into one Kafka record, typically because of huge inline arguments. */
public final class CallTooLargeException extends InvalidRequestException {

    public static final String CODE = "call_too_large";

    public CallTooLargeException(String message, Throwable cause) {
        super(CODE, message, cause);
    }
}
