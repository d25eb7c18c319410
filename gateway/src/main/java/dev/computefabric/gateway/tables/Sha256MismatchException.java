package dev.computefabric.gateway.tables;

import dev.computefabric.gateway.calls.InvalidRequestException;

/** The bytes uploaded do not have the SHA-256 the client announced: damaged or wrong data; nothing was stored. */
public final class Sha256MismatchException extends InvalidRequestException {

    public static final String CODE = "sha256_mismatch";

    public Sha256MismatchException(String announced, String actual, long size) {
        super(
                CODE,
                "the uploaded table (" + size + " bytes) has SHA-256 " + actual + ", but the request announced "
                        + announced + "; nothing was stored, check the data and send it again",
                null);
    }
}
