package dev.computefabric.testkit;

/** The fabric for a test could not be set up; the message says what failed and where to look. */
public final class FabricTestException extends RuntimeException {

    public FabricTestException(String message, Throwable cause) {
        super(message, cause);
    }
}
