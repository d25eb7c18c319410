package dev.computefabric.executor.function;

import dev.computefabric.avro.Table;
import dev.computefabric.avro.TableFormat;
import dev.computefabric.avro.TableRef;
import dev.computefabric.tables.S3Settings;
import dev.computefabric.tables.TableStore;
import dev.computefabric.tables.Tables;
import java.io.ByteArrayInputStream;
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

    @Override
    public InputStream open(Table table) throws IOException {
        if (table.getData() instanceof TableRef ref) {
            if (tables == null) {
                throw new CallException(ErrorKind.TABLE_UNAVAILABLE, "table " + ref.getUri()
                        + " is in table storage, but this executor runs without it; start it with --s3 <endpoint>");
            }
            try {
                return tables.open(table);
            } catch (SdkException e) {
                throw new CallException(ErrorKind.TABLE_UNAVAILABLE, "cannot read table " + ref.getUri() + ": " + e.getMessage(), e);
            }
        }
        ByteBuffer inline = ((ByteBuffer) table.getData()).duplicate();
        byte[] bytes = new byte[inline.remaining()];
        inline.get(bytes);
        return new ByteArrayInputStream(bytes);
    }

    @Override
    public Table store(byte[] bytes, TableFormat format) {
        if (bytes.length <= inlineLimitBytes) {
            return Table.newBuilder().setFormat(format).setData(ByteBuffer.wrap(bytes)).build();
        }
        if (tables == null) {
            throw new CallException(ErrorKind.TABLE_UNAVAILABLE, "an output table of " + bytes.length
                    + " bytes is over the inline limit of " + inlineLimitBytes
                    + " bytes and this executor runs without table storage; start it with --s3 <endpoint>");
        }
        try {
            return tables.of(bytes, format);
        } catch (SdkException e) {
            throw new CallException(ErrorKind.TABLE_UNAVAILABLE, "cannot store an output table: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (tables != null) {
            tables.store().close();
        }
    }
}
