package dev.computefabric.executor.function;

import dev.computefabric.avro.Table;

/**
 * An output table a call keeps on its node for the step that runs right after it there (the same-node shortcut
 * of pipelines), instead of storing it: inline when it stayed in memory, else a {@code file:} reference to its
 * spool. Closing it deletes the file; idempotent.
 */
public final class KeptTable implements AutoCloseable {

    private final Table table;
    private final long sizeBytes;
    private final Runnable release;

    public KeptTable(Table table, long sizeBytes, Runnable release) {
        this.table = table;
        this.sizeBytes = sizeBytes;
        this.release = release;
    }

    /** The table as the next step's call carries it. */
    public Table table() {
        return table;
    }

    public long sizeBytes() {
        return sizeBytes;
    }

    @Override
    public void close() {
        release.run();
    }
}
