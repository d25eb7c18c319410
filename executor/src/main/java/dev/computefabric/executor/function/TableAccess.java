package dev.computefabric.executor.function;

import dev.computefabric.avro.Table;
import dev.computefabric.avro.TableFormat;
import dev.computefabric.tables.TableSpool;
import java.io.IOException;
import java.io.InputStream;

/** How functions reach table bytes: inline or through the claim-check store, always as a stream. */
public interface TableAccess {

    /**
     * The table's bytes, or only the part its chunk names (a CSV part keeps the header); a whole stored table is
     * verified against its reference while it is read to the end, a chunk only against the table's size.
     */
    InputStream open(Table table) throws IOException;

    /** An output table: inline when small, else stored and referenced. */
    Table store(byte[] bytes, TableFormat format);

    /** Somewhere to write an output table of any size: in memory up to the inline limit, then on disk. */
    TableSpool spool();

    /** A sealed spool's bytes as an output table: inline when small, else stored (streamed) and referenced. */
    Table store(TableSpool sealed, TableFormat format) throws IOException;

    /**
     * A sealed spool's bytes kept on the node, never stored, for the step that runs next on it; the kept table owns
     * the spool from now on and deletes it when closed.
     */
    KeptTable keep(TableSpool sealed, TableFormat format);
}
