package dev.computefabric.executor.function;

import dev.computefabric.avro.Table;
import dev.computefabric.avro.TableFormat;
import dev.computefabric.avro.TableRef;
import dev.computefabric.tables.LocalTables;
import dev.computefabric.tables.S3Settings;
import dev.computefabric.tables.TableChunks;
import dev.computefabric.tables.TableSpool;
import dev.computefabric.tables.TableStore;
import dev.computefabric.tables.Tables;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Table access through the fabric's claim check. A node may run without table storage: inline tables
 * still work, and a call that needs storage fails with a message saying how to configure it.
 */
public final class FabricTables implements TableAccess, AutoCloseable {

    private final Tables tables;
    private final int inlineLimitBytes;
    private final LocalTables local = new LocalTables();

    private FabricTables(Tables tables, int inlineLimitBytes) {
        this.tables = tables;
        this.inlineLimitBytes = inlineLimitBytes;
    }

    public static FabricTables stored(S3Settings settings, int inlineLimitBytes) {
        return new FabricTables(new Tables(new TableStore(settings), inlineLimitBytes), inlineLimitBytes);
    }

    public static FabricTables inlineOnly(int inlineLimitBytes) {
        return new FabricTables(null, inlineLimitBytes);
    }

    /**
     * The table's bytes, or only the part its {@link Table#getChunk() chunk} names (read by byte ranges, see
     * {@link TableChunks}). A whole stored table is verified against its reference's size and SHA-256; a chunk
     * cannot be checked against the whole table's hash, only against its size.
     */
    @Override
    public InputStream open(Table table) throws IOException {
        if (table.getChunk() != null) {
            try {
                TableChunks.validate(table.getChunk());
            } catch (IllegalArgumentException e) {
                throw new BadArgumentsException(e.getMessage() + "; a table is split into count >= 1 parts numbered"
                        + " 0 to count - 1, for example \"chunk\": {\"index\": 0, \"count\": 4}");
            }
        }
        if (LocalTables.isLocal(table)) {
            return local.open(table);
        }
        if (table.getData() instanceof TableRef ref) {
            if (tables == null) {
                throw new CallException(
                        ErrorKind.TABLE_UNAVAILABLE,
                        "table " + ref.getUri()
                                + " is in table storage, but this executor runs without it; start it with --s3 <endpoint>");
            }
            try {
                return tables.open(table);
            } catch (SdkException e) {
                throw new CallException(
                        ErrorKind.TABLE_UNAVAILABLE, "cannot read table " + ref.getUri() + ": " + e.getMessage(), e);
            }
        }
        return Tables.openInline(table);
    }

    @Override
    public Table store(byte[] bytes, TableFormat format) {
        if (bytes.length <= inlineLimitBytes) {
            return inline(bytes, format);
        }
        requireStorage(bytes.length);
        try {
            return tables.of(bytes, format);
        } catch (SdkException e) {
            throw unavailable(e);
        }
    }

    @Override
    public TableSpool spool() {
        return tables == null ? new TableSpool(inlineLimitBytes) : tables.spool();
    }

    @Override
    public Table store(TableSpool sealed, TableFormat format) throws IOException {
        if (sealed.size() <= inlineLimitBytes) {
            return inline(sealed.bytes(), format);
        }
        requireStorage(sealed.size());
        try {
            return tables.of(sealed, format);
        } catch (SdkException e) {
            throw unavailable(e);
        }
    }

    /**
     * Keeps a table on the node: inline when it stayed in memory (its spool is closed at once), else the spool's file
     * by a {@code file:} reference that only this node opens, verified like a stored table; works without storage.
     */
    @Override
    public KeptTable keep(TableSpool sealed, TableFormat format) {
        long size = sealed.size();
        if (sealed.inMemory()) {
            Table table = inline(sealed.bytes(), format);
            sealed.close();
            return new KeptTable(table, size, () -> {});
        }
        TableRef ref = local.keep(sealed, format);
        return new KeptTable(Table.newBuilder().setFormat(format).setData(ref).build(), size, () -> local.release(ref));
    }

    /** How many tables are kept on the node's disk now (for tests and the node's own checks). */
    public int keptOnDisk() {
        return local.size();
    }

    @Override
    public void close() {
        local.releaseAll();
        if (tables != null) {
            tables.store().close();
        }
    }

    private static Table inline(byte[] bytes, TableFormat format) {
        return Table.newBuilder()
                .setFormat(format)
                .setData(ByteBuffer.wrap(bytes))
                .build();
    }

    private void requireStorage(long size) {
        if (tables == null) {
            throw new CallException(
                    ErrorKind.TABLE_UNAVAILABLE,
                    "an output table of " + size
                            + " bytes is over the inline limit of " + inlineLimitBytes
                            + " bytes and this executor runs without table storage; start it with --s3 <endpoint>");
        }
    }

    private static CallException unavailable(SdkException e) {
        return new CallException(ErrorKind.TABLE_UNAVAILABLE, "cannot store an output table: " + e.getMessage(), e);
    }
}
