package dev.computefabric.gateway.tables;

import dev.computefabric.gateway.calls.InvalidRequestException;

/** A {@code multipart/form-data} body that does not follow the format (RFC 7578); the message says where. */
public final class MalformedMultipartException extends InvalidRequestException {

    public static final String CODE = "malformed_multipart";

    public MalformedMultipartException(String message) {
        super(CODE, message, null);
    }
}
