package dev.computefabric.gateway.tables;

import dev.computefabric.gateway.calls.InvalidRequestException;

/** The request body ended (or the connection broke) before the whole table arrived; nothing was stored. */
public final class UploadTruncatedException extends InvalidRequestException {

    public static final String CODE = "upload_truncated";

    public UploadTruncatedException(String message, Throwable cause) {
        super(CODE, message, cause);
    }
}
