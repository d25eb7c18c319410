package dev.computefabric.tables;

import dev.computefabric.avro.Table;
import dev.computefabric.avro.TableFormat;
import dev.computefabric.avro.TableRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Tables as events carry them: small ones inline, the rest by reference. One rule, used by the gateway
 * for inputs and by executors for outputs.
 */
public final class Tables {

    /** Tables up to this size travel inside the event. */
    public static final int DEFAULT_INLINE_LIMIT_BYTES = 256 * 1024;

    private final TableStore store;
    private final int inlineLimitBytes;
    private final Path spoolDirectory;

    public Tables(TableStore store, int inlineLimitBytes) {
        this(store, inlineLimitBytes, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** @param spoolDirectory where tables above the inline limit wait on disk while they arrive */
    public Tables(TableStore store, int inlineLimitBytes, Path spoolDirectory) {
        if (inlineLimitBytes < 0) {
            throw new IllegalArgumentException("inlineLimitBytes must be >= 0, got " + inlineLimitBytes);
        }
        this.store = store;
        this.inlineLimitBytes = inlineLimitBytes;
        this.spoolDirectory = spoolDirectory;
    }

    /** A table of {@code bytes}: inline when within the limit, else stored and referenced. */
    public Table of(byte[] bytes, TableFormat format) {
        Object data = bytes.length <= inlineLimitBytes ? ByteBuffer.wrap(bytes) : store.put(bytes, format);
        return Table.newBuilder().setFormat(format).setData(data).build();
    }

    /** A table of a sealed spool's bytes: inline when within the limit, else stored (streamed from disk). */
    public Table of(TableSpool sealed, TableFormat format) throws IOException {
        Object data = sealed.size() <= inlineLimitBytes ? ByteBuffer.wrap(sealed.bytes()) : store.put(sealed, format);
        return Table.newBuilder().setFormat(format).setData(data).build();
    }

    /** The stored table with this hash as a reference (leased for another retention period), if it exists. */
    public Optional<Table> stored(String sha256, TableFormat format) {
        return store.find(sha256, format)
                .map(ref -> Table.newBuilder().setFormat(format).setData(ref).build());
    }

    /** A spool that keeps up to the inline limit in memory: what {@link #of(TableSpool, TableFormat)} takes. */
    public TableSpool spool() {
        return new TableSpool(inlineLimitBytes, spoolDirectory);
    }

    /** A spool that goes to disk at once, for tables that are stored whatever their size. */
    public TableSpool diskSpool() {
        return new TableSpool(0, spoolDirectory);
    }

    /**
     * The table's bytes as a stream, fetched from storage when it is a reference; or, when the table names a
     * {@link Table#getChunk() chunk}, just that part of it ({@link TableChunks}), read by byte ranges. A whole
     * stored table is verified against its reference's size and hash; a chunk only against the size, as the
     * hash covers the whole table.
     */
    public InputStream open(Table table) throws IOException {
        if (table.getData() instanceof TableRef ref) {
            if (table.getChunk() == null) {
                return store.open(ref);
            }
            ByteRanges ranges = (offset, length) -> store.open(ref, offset, length);
            return TableChunks.open(ranges, ref.getSizeBytes(), table.getFormat(), table.getChunk());
        }
        return openInline(table);
    }

    /** An inline table's bytes as a stream, or the part of them its chunk names; no storage needed. */
    public static InputStream openInline(Table table) throws IOException {
        ByteBuffer inline = (ByteBuffer) table.getData();
        ByteRanges ranges = ByteRanges.of(inline);
        if (table.getChunk() != null) {
            return TableChunks.open(ranges, inline.remaining(), table.getFormat(), table.getChunk());
        }
        return ranges.open(0, inline.remaining());
    }

    public int inlineLimitBytes() {
        return inlineLimitBytes;
    }

    public TableStore store() {
        return store;
    }
}
