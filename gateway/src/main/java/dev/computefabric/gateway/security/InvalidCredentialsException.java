package dev.computefabric.gateway.security;

/** A credential that does not authenticate anyone. The message says why, and never contains the credential. */
final class InvalidCredentialsException extends RuntimeException {

    InvalidCredentialsException(String reason) {
        super(reason);
    }
}
