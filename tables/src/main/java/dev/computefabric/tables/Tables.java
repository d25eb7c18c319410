package dev.computefabric.tables;

import dev.computefabric.avro.Table;
import dev.computefabric.avro.TableFormat;
import dev.computefabric.avro.TableRef;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * Tables as events carry them: small ones inline, the rest by reference. One rule, used by the gateway
 * for inputs and by executors for outputs.
 */
public final class Tables {

    /** Tables up to this size travel inside the event. */
    public static final int DEFAULT_INLINE_LIMIT_BYTES = 256 * 1024;

    private final TableStore store;
    private final int inlineLimitBytes;

    public Tables(TableStore store, int inlineLimitBytes) {
        if (inlineLimitBytes < 0) {
            throw new IllegalArgumentException("inlineLimitBytes must be >= 0, got " + inlineLimitBytes);
        }
        this.store = store;
        this.inlineLimitBytes = inlineLimitBytes;
    }

    /** A table of {@code bytes}: inline when within the limit, else stored and referenced. */
    public Table of(byte[] bytes, TableFormat format) {
        Object data = bytes.length <= inlineLimitBytes ? ByteBuffer.wrap(bytes) : store.put(bytes, format);
        return Table.newBuilder().setFormat(format).setData(data).build();
    }

    /** The table's bytes as a stream, fetched from storage and verified when it is a reference. */
    public InputStream open(Table table) throws IOException {
        if (table.getData() instanceof TableRef ref) {
            return store.open(ref);
        }
        ByteBuffer inline = ((ByteBuffer) table.getData()).duplicate();
        return new ByteArrayInputStream(inline.array(), inline.arrayOffset() + inline.position(), inline.remaining());
    }

    public TableStore store() {
        return store;
    }
}
