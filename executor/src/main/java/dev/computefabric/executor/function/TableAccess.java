package dev.computefabric.executor.function;

import dev.computefabric.avro.Table;
import dev.computefabric.avro.TableFormat;
import java.io.IOException;
import java.io.InputStream;

/** How functions reach table bytes: inline or through the claim-check store, always as a stream. */
public interface TableAccess {

    /** The table's bytes; a stored table is verified against its reference while it is read to the end. */
    InputStream open(Table table) throws IOException;

    /** An output table: inline when small, else stored and referenced. */
    Table store(byte[] bytes, TableFormat format);
}
