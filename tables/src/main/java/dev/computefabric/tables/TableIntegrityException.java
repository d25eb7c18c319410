package dev.computefabric.tables;

import java.io.IOException;

/** The bytes read for a table are not the bytes its reference promised: wrong size or wrong hash. */
public final class TableIntegrityException extends IOException {

    public TableIntegrityException(String message) {
        super(message);
    }
}
