package dev.computefabric.kafka;

/** Topics could not be created, or did not come to serve within the time given. */
public final class TopicProvisioningException extends RuntimeException {

    public TopicProvisioningException(String message, Throwable cause) {
        super(message, cause);
    }
}
