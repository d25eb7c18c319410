package dev.computefabric.executor.table;

import java.io.IOException;

/** A table's bytes do not parse as its declared format; the message names the table and the line. */
public final class MalformedTableException extends IOException {

    public MalformedTableException(String message) {
        super(message);
    }
}
