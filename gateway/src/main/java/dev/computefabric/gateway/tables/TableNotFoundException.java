package dev.computefabric.gateway.tables;

import dev.computefabric.gateway.calls.InvalidRequestException;

/** A call names a stored table by its SHA-256, and storage has no such table. */
public final class TableNotFoundException extends InvalidRequestException {

    public static final String CODE = "table_not_found";

    public TableNotFoundException(String where, String sha256) {
        super(
                CODE,
                where + ": no stored table has SHA-256 " + sha256 + "; upload it first (POST /v1/tables) or send it"
                        + " inline, and mind that unreferenced tables are removed after the retention period",
                null);
    }
}
